"""Demo logins: one user per role plus named officers in other directorates. All share one password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from register import roles
from register.models import Directorate, StaffProfile

from .catalogue import ASC, CCS, CEO, COUNCIL_DOMAIN, ECS, GET, RES

PASSWORD = "demo-password"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    directorate: str
    job_title: str
    is_staff: bool = False


USERS = (
    DemoUser("officer", "Priya", "Sharma", roles.OFFICER, ASC, "Commissioning and Partnerships Manager"),
    DemoUser("officer2", "Tom", "Hughes", roles.OFFICER, GET, "Transport and Environment Partnerships Lead"),
    DemoUser("scrutiny", "Helen", "Carter", roles.SCRUTINY, CEO, "Scrutiny Officer"),
    DemoUser("legal", "James", "Whitfield", roles.LEGAL, RES, "Senior Solicitor (Contracts and Partnerships)"),
    DemoUser("admin", "Rachel", "Moss", roles.REGISTER_ADMIN, CEO, "Partnerships and Performance Manager", True),
    DemoUser("director", "Fiona", "Grant", roles.APPROVER, ASC, "Director of Adult Social Care"),
    DemoUser("aisha.rahman", "Aisha", "Rahman", roles.OFFICER, ECS, "Head of Early Help and Partnerships"),
    DemoUser("gareth.lloyd", "Gareth", "Lloyd", roles.OFFICER, RES, "Head of Shared Services"),
    DemoUser("chloe.patel", "Chloe", "Patel", roles.OFFICER, CCS, "Community Safety and Cohesion Manager"),
    DemoUser("mark.davies", "Mark", "Davies", roles.OFFICER, CEO, "Head of Policy and Partnerships"),
)


def ensure_directorates(names):
    """{name: Directorate}, creating only the missing ones."""
    existing = {d.name: d for d in Directorate.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name] = Directorate.objects.create(name=name)
    return existing


def ensure_users(directorates):
    """{username: User}. Existing demo users are left exactly as they are (no password reset)."""
    User = get_user_model()
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL)}
    existing = {user.username: user for user in User.objects.filter(username__in=[u.username for u in USERS])}
    password = None  # hashed once: hashing is deliberately slow
    for demo in USERS:
        if demo.username in existing:
            continue
        password = password or make_password(PASSWORD)
        user = User.objects.create(
            username=demo.username,
            first_name=demo.first_name,
            last_name=demo.last_name,
            email=f"{demo.first_name.lower()}.{demo.last_name.lower()}@{COUNCIL_DOMAIN}",
            is_staff=demo.is_staff,
            password=password,
        )
        user.groups.add(groups[demo.role])
        StaffProfile.objects.create(user=user, directorate=directorates[demo.directorate], job_title=demo.job_title)
        existing[demo.username] = user
    return existing
