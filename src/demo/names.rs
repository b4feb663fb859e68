//! Word lists for synthetic patients: a mix of names and places a US clinic sees,
//! including accented and non-Latin names so every screen and printout is exercised.

pub const FEMALE: &[&str] = &[
    "Maria", "Ana", "Linda", "Patricia", "Jennifer", "Aisha", "Mei", "Nguyen Thi", "Fatima", "Olga",
    "Nina", "Grace", "Dolores", "Rosa", "Keisha", "Priya", "Hana", "Zofia", "Chloé", "Inés",
    "Marisol", "Beverly", "Tamika", "Yesenia", "Carmen", "Lakshmi", "Svetlana", "Ngozi", "Esperanza", "Ruth",
];

pub const MALE: &[&str] = &[
    "José", "James", "Robert", "Michael", "David", "Mohammed", "Wei", "Minh", "Carlos", "Dmitri",
    "Tyrone", "Raj", "Kenji", "Łukasz", "François", "Andrés", "Samuel", "Darnell", "Ahmed", "Héctor",
    "Gary", "Luis", "Tomasz", "Kwame", "Juan", "Oleksandr", "Bao", "Earl", "Marcus", "Ramón",
];

pub const LAST: &[&str] = &[
    "Nuñez", "Smith", "Johnson", "Williams", "García", "Martínez", "Nguyen", "Chen", "Patel", "Kim",
    "Brown", "Jones", "Rodríguez", "López", "Hernández", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark", "Ramírez", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "Wright", "Scott", "Torres", "Hill", "Flores", "Green",
    "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Kowalski",
    "Nowak", "Wiśniewski", "Ivanova", "Okafor", "Mensah", "Yamamoto", "Tanaka", "Haddad", "Cohen", "O'Brien",
];

pub const STREETS: &[&str] = &[
    "Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St", "Washington Ave", "Lincoln Rd",
    "Park Blvd", "Mission St", "Sunset Dr", "River Rd",
];

pub const CITIES: &[(&str, &str, &str)] = &[
    ("Springfield", "OR", "97477"),
    ("Eugene", "OR", "97401"),
    ("Salem", "OR", "97301"),
    ("Portland", "OR", "97205"),
    ("Vancouver", "WA", "98660"),
    ("Medford", "OR", "97501"),
];

pub const LANGUAGES: &[&str] = &["Spanish", "Vietnamese", "Russian", "Chinese", "Arabic", "Somali", "Polish"];

pub const PCPS: &[&str] = &[
    "Dr. Helen Ortiz", "Dr. Samuel Greene", "Dr. Anita Rao", "Dr. Marcus Bell", "Dr. Yuki Sato",
    "Dr. Laura Fischer",
];

pub const PAYERS: &[&str] = &["Medicaid", "Medicare", "Medicare Advantage", "Commercial", "Uninsured", "Dual eligible"];

pub const RELATIONS: &[&str] = &["Spouse", "Daughter", "Son", "Sister", "Brother", "Friend", "Partner"];

pub const SOURCES: &[&str] = &["PCP", "ED discharge", "Registry search", "Self-referral", "Behavioral health"];
