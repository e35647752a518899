from chassis.refusal import Refusal


class SharingError(Refusal):
    """A request we refuse; `code` is stable, the message is for people."""


class NotFound(SharingError):
    # also for insights that exist but are not the caller's: ids are not an oracle
    code = "not_found"
    status = 404


class NotPermitted(SharingError):
    # the caller can see the insight (so 404 would hide nothing) but their grant lacks this
    code = "permission_denied"
    status = 403


class NotShareable(SharingError):
    code = "not_shareable"
    status = 409


class InvalidExpiry(SharingError):
    code = "invalid_expires_at"


class InvalidCoach(SharingError):
    code = "invalid_coach_user_id"


class InvalidComment(SharingError):
    code = "invalid_comment"


class InvalidPage(SharingError):
    code = "invalid_input"  # as the other lists answer bad paging
