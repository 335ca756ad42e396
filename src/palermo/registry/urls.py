from django.urls import URLPattern, URLResolver, path

from palermo.registry.views import (
    break_glass,
    break_glass_review,
    case_export,
    case_file,
    cases,
    casework,
    consent,
    documents,
    exploitation,
    notifications,
    referrals,
    search,
    services,
    stages,
)

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", cases.case_list, name="case_list"),
    path("export/", case_export.export_cases, name="case_export"),
    path("search/", search.search, name="search"),
    path("emergency-access/", break_glass.break_glass, name="break_glass"),
    path("emergency-access/grants/", break_glass_review.grant_list, name="break_glass_grants"),
    path(
        "emergency-access/grants/<int:pk>/review/",
        break_glass_review.review_grant,
        name="break_glass_review",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read"),
    path("notifications/<int:pk>/read/", notifications.mark_read, name="notification_read"),
    path("referrals/", referrals.referral_list, name="referral_list"),
    path("referrals/<int:pk>/accept/", referrals.accept_referral, name="referral_accept"),
    path("referrals/<int:pk>/decline/", referrals.decline_referral, name="referral_decline"),
    path("<str:reference>/", case_file.case_detail, name="case_detail"),
    path("<str:reference>/move/", stages.move_case, name="case_move"),
    path(
        "<str:reference>/exploitation/",
        exploitation.exploitation_edit,
        name="exploitation_edit",
    ),
    path("<str:reference>/assign/", casework.assign_case, name="case_assign"),
    path("<str:reference>/notes/", casework.write_note, name="note_write"),
    path("<str:reference>/care-plan/", casework.plan_task, name="task_plan"),
    path("<str:reference>/care-plan/<int:pk>/done/", casework.complete_task, name="task_complete"),
    path("<str:reference>/services/", services.add_service, name="service_add"),
    path("<str:reference>/consent/", consent.record_consent, name="consent_record"),
    path(
        "<str:reference>/consent/<int:pk>/withdraw/",
        consent.withdraw_consent,
        name="consent_withdraw",
    ),
    path("<str:reference>/referrals/", referrals.send_referral, name="referral_send"),
    path("<str:reference>/referrals/<int:pk>/end/", referrals.end_referral, name="referral_end"),
    path("<str:reference>/documents/", documents.upload_document, name="document_upload"),
    path(
        "<str:reference>/documents/<int:pk>/",
        documents.download_document,
        name="document_download",
    ),
]
