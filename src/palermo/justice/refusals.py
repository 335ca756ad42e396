"""Why someone who may read a criminal case may not do this to it: one wording for the pages
and the JSON API, so both refuse alike (and the catalogues hold each message once)."""

from django.utils.translation import gettext_lazy as _

OPEN_CASE = _("Only investigators open criminal cases.")
MOVE = _("You can read this case but not move it at this stage.")
ADD_SUSPECT = _("Only investigators of the owning agency add suspects.")
LINK_VICTIM = _("Only investigators of the owning agency link victims.")
FILE_CHARGE = _("Only prosecutors of the office the case was sent to file charges.")
DECIDE = _("Only judicial officers of the court the case was submitted to decide it.")
RECORD_APPEAL = _("Only judicial officers of the court the case was submitted to record appeals.")
REQUEST_AUTHORISATION = _("Only investigators of the owning agency request authorisations.")
DECIDE_AUTHORISATION = _("Only judicial officers of the court the request was made to decide it.")
