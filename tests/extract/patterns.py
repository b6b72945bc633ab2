"""Reporting patterns of wire and local outlets (our own sentences), with the claims a coder would
record.

Each case: text, then the expected (kind, subject_side, value, qualifier, claimant_side) tuples in
order.
"""

CASES = [
    (
        "At least 15 people were killed and 20 others wounded when a suicide bomber struck a "
        "market, police said.",
        [
            ("killed", "any", 15, "at_least", "government"),
            ("wounded", "any", 20, "exact", "government"),
        ],
    ),
    (
        "Al-Shabaab claimed responsibility for the attack, saying its fighters had killed 30 "
        "soldiers.",
        [("killed", "government", 30, "exact", "insurgent")],
    ),
    (
        "The Somali National Army said it killed 45 al-Shabaab militants in an operation in "
        "the region.",
        [("killed", "insurgent", 45, "exact", "government")],
    ),
    (
        "A police officer, who asked not to be named, told AFP that eight officers died in the "
        "ambush.",
        [("killed", "government", 8, "exact", "government")],
    ),
    (
        "Taliban spokesman Zabihullah Mujahid said on Twitter that dozens of soldiers had been "
        "killed.",
        [("killed", "government", 12, "dozens", "insurgent")],
    ),
    (
        "The interior ministry put the death toll at 12, with 40 wounded.",
        [
            ("killed", "any", 12, "exact", "government"),
            ("wounded", "any", 40, "exact", "government"),
        ],
    ),
    (
        "Residents said they had counted at least 10 bodies in the street.",
        [("bodies", "any", 10, "at_least", "local")],
    ),
    (
        "Four civilians, including two children, were killed in the crossfire, according to "
        "the governor's spokesman.",
        [("killed", "civilian", 4, "exact", "government")],
    ),
    (
        "The blast left 23 people dead and 37 injured, the health ministry said.",
        [
            ("killed", "any", 23, "exact", "government"),
            ("wounded", "any", 37, "exact", "government"),
        ],
    ),
    (
        "The NATO-led mission said two US service members were killed in the attack.",
        [("killed", "foreign", 2, "exact", "foreign")],
    ),
    (
        "The militants abducted 20 passengers from a bus on the highway, officials said.",
        [("captured", "civilian", 20, "exact", "government")],
    ),
    (
        "The death toll rose to 25, a health official said.",
        [("killed", "any", 25, "exact", "government")],
    ),
    (
        "Gunmen killed six aid workers in the north of the country, the United Nations said.",
        [("killed", "civilian", 6, "exact", "watchdog")],
    ),
    (
        "AMISOM said its troops repelled the attack, killing 18 militants.",
        [("killed", "insurgent", 18, "exact", "foreign")],
    ),
    (
        "The Taliban said in a statement that 57 soldiers were killed and 22 captured.",
        [
            ("killed", "government", 57, "exact", "insurgent"),
            ("captured", "government", 22, "exact", "insurgent"),
        ],
    ),
    (
        "Around 100 Taliban fighters stormed the district centre before dawn, the governor said.",
        [("attackers", "insurgent", 100, "about", "government")],
    ),
    (
        "Seven policemen and three civilians were killed in the blast, police said.",
        [
            ("killed", "government", 7, "exact", "government"),
            ("killed", "civilian", 3, "exact", "government"),
        ],
    ),
    (
        "The militants killed two soldiers and wounded three others, a military official said.",
        [
            ("killed", "government", 2, "exact", "government"),
            ("wounded", "government", 3, "exact", "government"),
        ],
    ),
    (
        "Eleven members of the security forces were killed, the ministry said.",
        [("killed", "government", 11, "exact", "government")],
    ),
    (
        "The figures could not be independently verified. Anywhere from two to 25 people died, "
        "witnesses said.",
        [("killed", "any", 25, "range", "local")],
    ),
    (
        "Kenyan troops said they had killed more than 100 al-Shabaab fighters in the raid.",
        [("killed", "insurgent", 100, "more_than", "foreign")],
    ),
    ("Tens of civilians fled the fighting, according to aid groups.", []),
    ("The government deployed 3,000 troops to the province last year.", []),
    (
        "Twelve soldiers were killed on Monday and another five on Tuesday, the defence "
        "ministry said.",
        [
            ("killed", "government", 12, "exact", "government"),
            ("killed", "government", 5, "exact", "government"),
        ],
    ),
    (
        "According to a local official, nine members of one family were killed when a mortar "
        "hit their house.",
        [("killed", "civilian", 9, "exact", "government")],
    ),
    (
        "Islamic State claimed the bombing, which killed at least 40 worshippers, through its "
        "Amaq news agency.",
        [("killed", "civilian", 40, "at_least", "insurgent")],
    ),
    (
        "Five soldiers were killed, the army said. The Taliban claimed 20.",
        [
            ("killed", "government", 5, "exact", "government"),
            ("killed", "government", 20, "exact", "insurgent"),
        ],
    ),
]

CASES += [
    (
        "Somali officials say at least 10 soldiers were killed when al-Shabab militants "
        "attacked a military base on Sunday.",
        [("killed", "government", 10, "at_least", "government")],
    ),
    (
        "The extremist group claimed to have killed 41 soldiers.",
        [("killed", "government", 41, "exact", "insurgent")],
    ),
    (
        "Ten Taliban insurgents were killed in an airstrike by Afghan forces, the provincial "
        "police spokesman said.",
        [("killed", "insurgent", 10, "exact", "government")],
    ),
    (
        "The US military said its airstrike killed 35 al-Shabab fighters, adding that no "
        "civilians were harmed.",
        [("killed", "insurgent", 35, "exact", "foreign")],
    ),
    (
        "A spokesman for the Helmand governor, Omar Zwak, said 15 Taliban fighters died in the "
        "clashes.",
        [("killed", "insurgent", 15, "exact", "government")],
    ),
    (
        "Khaama Press reported that six members of the Afghan National Police were killed.",
        [("killed", "government", 6, "exact", "media")],
    ),
    (
        "In the attack, 14 people lost their lives and 31 others were injured, said Mohammed "
        "Ali, a doctor at the hospital.",
        [("killed", "any", 14, "exact", "local"), ("wounded", "any", 31, "exact", "local")],
    ),
    (
        "The Taliban overran the district, killing 12 security personnel, according to "
        "provincial council member Dadullah Qaneh.",
        [("killed", "government", 12, "exact", "government")],
    ),
    (
        "Hundreds of Taliban fighters have besieged the city, residents said.",
        [("attackers", "insurgent", 100, "hundreds", "local")],
    ),
    ("More than 2,000 people have been displaced by the fighting.", []),
    (
        "The bomber blew himself up, killing himself and 11 others, police said.",
        [("killed", "any", 11, "exact", "government")],
    ),
    (
        "Local media reported that at least 18 civilians were killed.",
        [("killed", "civilian", 18, "at_least", "media")],
    ),
    (
        "Taliban militants killed 8 soldiers at a checkpoint late Saturday, said provincial "
        "police chief Mustafa Mayar.",
        [("killed", "government", 8, "exact", "government")],
    ),
    (
        "Al-Shabaab's Radio Andalus reported that its fighters killed 60 Kenyan troops.",
        [("killed", "foreign", 60, "exact", "insurgent")],
    ),
    (
        "Two policemen were also wounded in the attack on Tuesday.",
        [("wounded", "government", 2, "exact", "media")],
    ),
    (
        "Gunmen stormed a hotel in Mogadishu, killing at least 26 people, including three "
        "Kenyans, officials said.",
        [("killed", "any", 26, "at_least", "government")],
    ),
    (
        "\u201cWe have lost 12 of our men,\u201d a district police commander told Reuters by "
        "phone.",
        [("killed", "government", 12, "exact", "government")],
    ),
    (
        "The ministry said 9 soldiers were killed and 11 wounded in the clashes, which lasted "
        "5 hours.",
        [
            ("killed", "government", 9, "exact", "government"),
            ("wounded", "government", 11, "exact", "government"),
        ],
    ),
]

CASES += [
    (
        "The army said it had inflicted 50 casualties on the militants.",
        [("killed_or_wounded", "any", 50, "exact", "government")],
    ),
    (
        "Hospital officials reported 17 deaths and said they had received 12 bodies.",
        [
            ("killed", "any", 17, "exact", "government"),
            ("bodies", "any", 12, "exact", "government"),
        ],
    ),
    ("The gunmen took 20 hostages, police said.", [("captured", "any", 20, "exact", "government")]),
    ("Two military vehicles were destroyed and four pickups seized, the Taliban said.", []),
]

CASES += [
    # "he" is the captain named in the sentence before, a rank speaks for the state
    (
        "Capt. Ali Hassan told reporters that the militants used a car bomb. Five other "
        "soldiers were wounded, he said.",
        [("wounded", "government", 5, "exact", "government")],
    ),
    (
        "The al-Qaida-linked group said its fighters killed 47 soldiers.",
        [("killed", "government", 47, "exact", "insurgent")],
    ),
    (
        "Three policemen were wounded and two others are missing, he said. He put the death "
        "toll at 16.",
        [
            ("wounded", "government", 3, "exact", "media"),
            ("missing", "government", 2, "exact", "media"),
            ("killed", "government", 16, "exact", "media"),
        ],
    ),
]

CASES += [
    (
        "A roadside bomb struck a vehicle on Monday, killing nine members of a family, "
        "including four children, a provincial spokesman said.",
        [("killed", "civilian", 9, "exact", "government")],
    ),
    (
        "At least 26 people, including foreigners, were killed and 56 others injured when "
        "gunmen stormed a hotel, a regional official said.",
        [
            ("killed", "any", 26, "at_least", "government"),
            ("wounded", "any", 56, "exact", "government"),
        ],
    ),
    (
        "The country has been at war for nearly three decades, and more than 20,000 African "
        "Union troops are deployed there.",
        [],
    ),
]
