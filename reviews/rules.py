"""Who may do what in the annual assurance round (django-rules, beside register/rules.py)."""

import rules

from register.rules import can_manage_partnership, has_ended, has_role, is_officer, is_register_admin, leads

# Opening and closing rounds, chasing, rating and sending returns back: register administrators.
rules.add_perm("reviews.manage_round", is_register_admin)
# Filling in a return and inviting partners: whoever may change the partnership.
rules.add_perm("reviews.fill_return", can_manage_partnership)
# Reading returns and the committee's annual report: anyone with a role.
rules.add_perm("reviews.view_return", has_role)
rules.add_perm("reviews.view_annual_report", has_role)
# Remedial actions: their partnership's lead officer (while it is live) and administrators keep them up to date.
rules.add_perm("reviews.change_action", is_register_admin | (is_officer & leads & ~has_ended))
