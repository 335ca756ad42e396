from django.urls import URLPattern, URLResolver, path

from palermo.coordination.views import (
    coverage,
    meetings,
    plan,
    plan_report,
    prevention,
    tips,
)

app_name = "coordination"
urlpatterns: list[URLPattern | URLResolver] = [
    path("plan/", plan.plan_overview, name="plan"),
    path("plan/new/", plan.measure_new, name="measure_new"),
    path("plan/report/", plan_report.plan_report_page, name="plan_report"),
    path("plan/<str:reference>/", plan.measure_detail, name="measure_detail"),
    path("plan/<str:reference>/edit/", plan.measure_edit, name="measure_edit"),
    path("plan/<str:reference>/indicators/", plan.indicator_add, name="indicator_add"),
    path("plan/<str:reference>/progress/", plan.progress_add, name="progress_add"),
    path("plan/<str:reference>/evidence/", plan.evidence_upload, name="evidence_upload"),
    path(
        "plan/<str:reference>/evidence/<int:pk>/",
        plan.evidence_download,
        name="evidence_download",
    ),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<str:reference>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<str:reference>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<str:reference>/actions/", meetings.action_item_add, name="action_item_add"),
    path("actions/<int:pk>/done/", meetings.action_item_done, name="action_item_done"),
    path("campaigns/", prevention.campaign_list, name="campaign_list"),
    path("campaigns/new/", prevention.campaign_edit, name="campaign_new"),
    path("campaigns/<int:pk>/", prevention.campaign_edit, name="campaign_edit"),
    path("trainings/", prevention.training_list, name="training_list"),
    path("trainings/new/", prevention.training_edit, name="training_new"),
    path("trainings/<int:pk>/", prevention.training_detail, name="training_detail"),
    path("trainings/<int:pk>/edit/", prevention.training_edit, name="training_edit"),
    path("inspections/", prevention.inspection_list, name="inspection_list"),
    path("inspections/new/", prevention.inspection_edit, name="inspection_new"),
    path("inspections/<str:reference>/", prevention.inspection_detail, name="inspection_detail"),
    path("inspections/<str:reference>/edit/", prevention.inspection_edit, name="inspection_edit"),
    path(
        "inspections/<str:reference>/screen/",
        prevention.inspection_screen,
        name="inspection_screen",
    ),
    path("coverage/", coverage.coverage_page, name="coverage"),
    path("tips/", tips.tip_queue, name="tip_queue"),
    path("tips/call/", tips.hotline_tip, name="hotline_tip"),
    path("tips/<str:reference>/", tips.tip_detail, name="tip_detail"),
    path("tips/<str:reference>/<str:action>/", tips.tip_act, name="tip_act"),
]
