"""The people and organisations of Northmoor, a fictional English county.

Email addresses use the reserved `.example` domain and telephone numbers come from Ofcom's range
for drama (01632 960000 to 960999), so nothing here reaches a real person.
"""

from dataclasses import dataclass

from register.choices import Sector

ASC = "Adult Social Care and Public Health"
ECS = "Education and Children's Services"
GET = "Growth, Environment and Transport"
RES = "Resources"
CCS = "Community and Cultural Services"
CEO = "Chief Executive's Office"
DIRECTORATES = (ASC, ECS, GET, RES, CCS, CEO)

COUNCIL_DOMAIN = "northmoor.example"


@dataclass(frozen=True)
class Org:
    name: str
    sector: str
    registration_number: str = ""
    domain: str = ""  # for contacts' email addresses


_ORGS = [
    # key, name, sector, registration number, email domain
    ("icb", "NHS Northmoor Integrated Care Board", Sector.NHS, "", "northmoor-icb.example"),
    ("nhft", "Northmoor Hospitals NHS Foundation Trust", Sector.NHS, "", "northmoorhospitals.example"),
    ("mhft", "Northmoor and Wensdale Mental Health NHS Foundation Trust", Sector.NHS, "", "nwmh.example"),
    ("healthwatch", "Healthwatch Northmoor", Sector.VCSE, "12043517", "healthwatchnorthmoor.example"),
    ("police", "Northmoor Constabulary", Sector.POLICE_FIRE, "", "northmoor-police.example"),
    ("fire", "Northmoor Fire and Rescue Service", Sector.POLICE_FIRE, "", "northmoorfire.example"),
    ("pcc", "Office of the Northmoor Police and Crime Commissioner", Sector.POLICE_FIRE, "", "northmoor-pcc.example"),
    ("probation", "The Probation Service (Northmoor Delivery Unit)", Sector.POLICE_FIRE, "", ""),
    ("brackenford", "Brackenford District Council", Sector.LOCAL_AUTHORITY, "", "brackenford.example"),
    ("caldervale", "Calder Vale Borough Council", Sector.LOCAL_AUTHORITY, "", "caldervale.example"),
    ("ashby", "Ashby Moor District Council", Sector.LOCAL_AUTHORITY, "", "ashbymoor.example"),
    ("wensdale", "Wensdale District Council", Sector.LOCAL_AUTHORITY, "", "wensdale.example"),
    ("nalc", "Northmoor Association of Local Councils", Sector.LOCAL_AUTHORITY, "", "northmoor-alc.example"),
    ("van", "Voluntary Action Northmoor", Sector.VCSE, "1102938", "voluntaryactionnorthmoor.example"),
    ("foundation", "Northmoor Community Foundation", Sector.VCSE, "1084457", "northmoorfoundation.example"),
    ("cab", "Citizens Advice Northmoor", Sector.VCSE, "1076233", "canorthmoor.example"),
    ("ageuk", "Age UK Northmoor", Sector.VCSE, "1128461", "ageuknorthmoor.example"),
    ("carers", "Northmoor Carers' Centre", Sector.VCSE, "1091874", "northmoorcarers.example"),
    ("homestart", "Home-Start Northmoor", Sector.VCSE, "1110392", "homestartnorthmoor.example"),
    ("wildlife", "Northmoor Wildlife Trust", Sector.VCSE, "1032265", "northmoorwildlife.example"),
    ("foodbank", "Brackenford Food Bank", Sector.VCSE, "1150087", "brackenford-foodbank.example"),
    ("refugee", "Northmoor Refugee Welcome", Sector.VCSE, "1179920", "northmoorrefugeewelcome.example"),
    ("youth", "Northmoor Youth Trust", Sector.VCSE, "1098815", "northmooryouth.example"),
    ("legion", "Royal British Legion (Northmoor County)", Sector.VCSE, "219279", ""),
    ("ssafa", "SSAFA Northmoor", Sector.VCSE, "210760", ""),
    ("cgl", "Change Grow Live (Northmoor Recovery Service)", Sector.VCSE, "1079327", ""),
    ("refuge", "Moorside Women's Refuge", Sector.VCSE, "1064418", "moorsiderefuge.example"),
    ("arts", "Moorland Arts CIC", Sector.VCSE, "11873021", "moorlandarts.example"),
    ("leisure", "Northmoor Leisure Trust", Sector.VCSE, "1143390", "northmoorleisure.example"),
    ("rcc", "Northmoor Rural Community Council", Sector.VCSE, "1056702", "northmoorrcc.example"),
    ("university", "University of Northmoor", Sector.ACADEMIC, "", "northmoor-uni.example"),
    ("college", "Northmoor College", Sector.ACADEMIC, "", "northmoorcollege.example"),
    ("academies", "Calder Vale Academy Trust", Sector.ACADEMIC, "08411276", "cvat.example"),
    ("edpartnership", "Northmoor Education Partnership Ltd", Sector.ACADEMIC, "10554318", "nep.example"),
    ("ea", "Environment Agency (Northmoor and Wensdale area)", Sector.OTHER_PUBLIC, "", ""),
    ("natural", "Natural England", Sector.OTHER_PUBLIC, "", ""),
    ("park", "Moorland National Park Authority", Sector.OTHER_PUBLIC, "", "moorlandnpa.example"),
    ("dwp", "Department for Work and Pensions (Northmoor Jobcentre Plus)", Sector.OTHER_PUBLIC, "", ""),
    ("lep", "Northmoor Local Enterprise Partnership", Sector.OTHER_PUBLIC, "07611924", "northmoorlep.example"),
    ("water", "Moorland Water plc", Sector.PRIVATE, "02366682", "moorlandwater.example"),
    ("bus", "Northmoor Bus Company Ltd", Sector.PRIVATE, "03317746", "northmoorbus.example"),
    ("coaches", "Wensdale Coaches Ltd", Sector.PRIVATE, "05521093", "wensdalecoaches.example"),
    ("fibre", "Fibre Northmoor Ltd", Sector.PRIVATE, "12290476", "fibrenorthmoor.example"),
    ("moorcare", "Moorcare Home Support Ltd", Sector.PRIVATE, "06677120", "moorcare.example"),
    ("highways", "Moorway Highways Ltd", Sector.PRIVATE, "04410987", "moorwayhighways.example"),
    ("chamber", "Northmoor Chamber of Commerce", Sector.PRIVATE, "00248311", "northmoorchamber.example"),
]

ORGANISATIONS = {key: Org(name, sector, number, domain) for key, name, sector, number, domain in _ORGS}

PLACES = (
    "Northmoor",
    "Brackenford",
    "Calder Vale",
    "Ashby Moor",
    "Wensdale",
    "Moorside",
    "Kirkby Fell",
    "Hollins Bridge",
    "Thornsby",
    "Easterdale",
    "Redmire",
    "Linthwaite",
)

# Partner contacts and risk owners: common British names, not real people.
FIRST_NAMES = (
    "Aisha", "Ben", "Catherine", "Daniel", "Eleanor", "Farhan", "Gemma", "Harry", "Imogen", "Jamal",
    "Katie", "Liam", "Megan", "Nadia", "Owen", "Phoebe", "Rhys", "Sian", "Tariq", "Usha",
    "Victoria", "William", "Yasmin", "Zoe", "Graham", "Helen", "Ian", "Joanne", "Kevin", "Lorraine",
)  # fmt: skip
LAST_NAMES = (
    "Ahmed", "Baker", "Clarke", "Dixon", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones",
    "Kaur", "Lawson", "Morgan", "Nolan", "O'Neill", "Patel", "Quinn", "Robinson", "Shaw", "Thompson",
    "Walsh", "Wright", "Young", "Barker", "Chambers", "Denton", "Ellison", "Foster", "Gill", "Holt",
)  # fmt: skip


def email_for(name, domain):
    first, *rest = name.replace("Dr ", "").replace("Cllr ", "").split()
    last = (rest[-1] if rest else "office").lower().replace("'", "")
    return f"{first[0].lower()}.{last}@{domain or COUNCIL_DOMAIN}"


def phone_for(number):
    """A drama-range telephone number, stable for a given integer."""
    return f"01632 960{number % 1000:03d}"
