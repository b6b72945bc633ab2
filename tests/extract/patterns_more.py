"""More reporting patterns (our own sentences): dozens and partitives, tolls over a week, state
and insurgent media, troop levels, suspects. Same form as patterns.py."""

CASES_MORE = [
    # a quoted speaker who tells what others claim is not their claimant; scare quotes inside a
    # quotation do not end it
    (
        "“Rumours claiming that 40 soldiers died are “fake news”. Only two soldiers were hurt,” "
        "the army spokesman said.",
        [
            ("killed", "government", 40, "exact", "unattributed"),
            ("wounded", "government", 2, "exact", "government"),
        ],
    ),
    # a speaker whose comma is missing, and none taken from a relative clause
    (
        "The blast killed at least nine gendarmes local officials said on Monday.",
        [("killed", "government", 9, "at_least", "government")],
    ),
    (
        "The blast killed 12 people who witnesses said were queuing for bread.",
        [("killed", "any", 12, "exact", "media")],
    ),
    # people of two sides or two states in one count are of any side; a count of their own is not
    (
        "Rebels said 300 Ethiopian and Eritrean soldiers were killed.",
        [("killed", "any", 300, "exact", "insurgent")],
    ),
    (
        "Officials said 12 militants and civilians died in the crossfire.",
        [("killed", "any", 12, "exact", "government")],
    ),
    (
        "Officials said three soldiers and two civilians were killed.",
        [
            ("killed", "government", 3, "exact", "government"),
            ("killed", "civilian", 2, "exact", "government"),
        ],
    ),
    # a list published by an army is its claim
    (
        "The army published the names of 19 soldiers killed in the offensive.",
        [("killed", "government", 19, "exact", "government")],
    ),
    # a participle spoken by the sentence's subject
    (
        "The Taliban took responsibility for the raid, claiming 35 soldiers were killed.",
        [("killed", "government", 35, "exact", "insurgent")],
    ),
    (
        "Rebel fighters denied shelling the market, blaming the army for the deaths of 14 "
        "civilians.",
        [("killed", "civilian", 14, "exact", "insurgent")],
    ),
    # "the source" is the last speaker called a source, though another spoke in between
    (
        "A rebel source said the convoy was hit. The raid began at dawn, the army said. "
        "According to the source, 16 soldiers were wounded.",
        [("wounded", "government", 16, "exact", "insurgent")],
    ),
    # whose people, from what they belong to: a state's own forces, a group they are loyal to
    (
        "The rebels said they killed 25 members of Mali's defence and security forces.",
        [("killed", "government", 25, "exact", "insurgent")],
    ),
    (
        "The army said it killed 30 fighters loyal to the Taliban.",
        [("killed", "insurgent", 30, "exact", "government")],
    ),
    (
        "Police said 40 individuals from an organized armed group were arrested.",
        [("captured", "insurgent", 40, "exact", "government")],
    ),
    # nationals, whose side the word does not say; the word before the number over an adjective
    (
        "Officials said troops killed 14 Somalis near the border.",
        [("killed", "any", 14, "exact", "government")],
    ),
    (
        "Police found the bodies of 11 abducted traders on Sunday.",
        [("bodies", "civilian", 11, "exact", "media")],
    ),
    (
        "The blast left nine soldiers and an interpreter dead, officials said.",
        [("killed", "government", 9, "exact", "government")],
    ),
    # killing described by its manner; an armed group's wing by its own name
    (
        "Residents said at least nine farmers were either hacked to death or shot.",
        [("killed", "civilian", 9, "at_least", "local")],
    ),
    (
        "The HPG said in a statement that it killed four soldiers.",
        [("killed", "government", 4, "exact", "insurgent")],
    ),
    # a vague amount standing for people; the list of the dead; 'just' before the number
    (
        "Witnesses said dozens were killed when the market was shelled.",
        [("killed", "any", 12, "dozens", "local")],
    ),
    (
        "Among the dead were four police officers, the governor said.",
        [("killed", "government", 4, "exact", "government")],
    ),
    (
        "The shelling caused the deaths of just six herders.",
        [("killed", "civilian", 6, "exact", "media")],
    ),
    # asides set off by dashes, or with the closing comma missing; a list of people
    (
        "Five gunmen — two of them foreigners — were killed by troops, the army said.",
        [("killed", "insurgent", 5, "exact", "government")],
    ),
    (
        "Rebels said 120 soldiers, including a colonel were killed.",
        [("killed", "government", 120, "exact", "insurgent")],
    ),
    (
        "Elders said about 40 men, women and children were abducted from the village.",
        [("captured", "civilian", 40, "about", "local")],
    ),
    # an adverbial before the speaker of a colon quote; a group's own outlet speaks for it
    (
        "On Monday evening, Al-Masirah reported: “Our forces killed 30 enemy soldiers.”",
        [("killed", "government", 30, "exact", "insurgent")],
    ),
    # a surname with its particle dropped; a less common reporting verb
    (
        "Army spokesman Khalid al-Hashimi affirmed that the base was attacked. Nine guards were "
        "killed, according to Hashimi.",
        [("killed", "government", 9, "exact", "government")],
    ),
    # a clause of its own before the speaker, joined by "and"
    (
        "The cause was unclear and the provincial governor said 16 civilians were killed.",
        [("killed", "civilian", 16, "exact", "government")],
    ),
    # a count that adds to the sentence before it keeps that sentence's speaker
    (
        "The governor said nine soldiers were killed. Six soldiers were also wounded in the raid.",
        [
            ("killed", "government", 9, "exact", "government"),
            ("wounded", "government", 6, "exact", "government"),
        ],
    ),
    # degree adverbs before the participle; a fatal wound is a death
    (
        "Two guards were seriously wounded in the blast, police said.",
        [("wounded", "government", 2, "exact", "government")],
    ),
    (
        "Five villagers were fatally shot at the market, a local elder said.",
        [("killed", "civilian", 5, "exact", "local")],
    ),
    # 'more' with and without its noun; 'another two' with only a participle
    (
        "Four more soldiers were killed at dawn, the ministry said.",
        [("killed", "government", 4, "exact", "government")],
    ),
    (
        "Eight police officers died, and nine more were hurt, the governor said.",
        [
            ("killed", "government", 8, "exact", "government"),
            ("wounded", "government", 9, "exact", "government"),
        ],
    ),
    (
        "One guard was killed and another three badly injured, police said.",
        [
            ("killed", "government", 1, "exact", "government"),
            ("wounded", "government", 3, "exact", "government"),
        ],
    ),
    # the counted noun in scare quotes; more people joined to the counted ones
    (
        'The army said 14 "bandits" were "neutralised" in the operation.',
        [("killed", "insurgent", 14, "exact", "government")],
    ),
    (
        "Six soldiers and an interpreter were killed in the ambush, officials said.",
        [("killed", "government", 6, "exact", "government")],
    ),
    (
        "Police said a local commander and nine others were captured.",
        [("captured", "government", 10, "exact", "government")],
    ),
    (
        "Rebels said more than 300 soldiers were killed and wounded in the offensive.",
        [("killed_or_wounded", "government", 300, "more_than", "insurgent")],
    ),
    # a report, then its speaker at the comma; a few sources counted; 'when' before a speaker
    (
        "A driver was killed, police said, and four more were wounded.",
        [("wounded", "any", 4, "exact", "government")],
    ),
    (
        "Eleven soldiers died in the attack, two security sources said.",
        [("killed", "government", 11, "exact", "government")],
    ),
    (
        "The toll rose on Friday, when the health ministry said 23 civilians had died.",
        [("killed", "civilian", 23, "exact", "government")],
    ),
    # a phrase of where the counted come from, between them and their verb
    (
        "Four villagers from the hill district were killed overnight, the governor said.",
        [("killed", "civilian", 4, "exact", "government")],
    ),
    (
        "Nine members of the Taliban died in the clash, police said.",
        [("killed", "insurgent", 9, "exact", "government")],
    ),
    (
        "Another 11 drug traffickers were killed in the raid, the navy said.",
        [("killed", "insurgent", 11, "exact", "government")],
    ),
    # multiples of a dozen, adjectives before the counted noun, partitives, 'among the dead'
    (
        "Two dozen civilians were wounded, officials said.",
        [("wounded", "civilian", 24, "exact", "government")],
    ),
    (
        "Half a dozen policemen were abducted by the gunmen, the district governor said.",
        [("captured", "government", 6, "exact", "government")],
    ),
    (
        "Seven wounded soldiers were taken to hospital.",
        [("wounded", "government", 7, "exact", "media")],
    ),
    (
        "The army said it had killed 20 of the attackers.",
        [("killed", "insurgent", 20, "exact", "government")],
    ),
    (
        "Two civilians were among the dead, according to the police.",
        [("killed", "civilian", 2, "exact", "government")],
    ),
    (
        "Three soldiers were martyred and two were injured, the army said.",
        [
            ("killed", "government", 3, "exact", "government"),
            ("wounded", "government", 2, "exact", "government"),
        ],
    ),
    (
        "The militants were holding 14 people hostage, a security official said.",
        [("captured", "any", 14, "exact", "government")],
    ),
    # tolls that rise, second speakers after 'but', restated figures in the same sentence
    (
        "The death toll from the truck bombing has risen to 51, a regional official says.",
        [("killed", "any", 51, "exact", "government")],
    ),
    (
        "The number of dead rose to 19, according to the health ministry.",
        [("killed", "any", 19, "exact", "government")],
    ),
    (
        "The ministry said 16 soldiers were killed, but a Taliban spokesman put the number at 40.",
        [
            ("killed", "government", 16, "exact", "government"),
            ("killed", "government", 40, "exact", "insurgent"),
        ],
    ),
    (
        "Police said one attacker was shot dead.",
        [("killed", "insurgent", 1, "exact", "government")],
    ),
    (
        "Some 30 fighters were killed, the group said.",
        [("killed", "insurgent", 30, "about", "insurgent")],
    ),
    (
        "The militant group said it had killed 23 Kenyan soldiers.",
        [("killed", "foreign", 23, "exact", "insurgent")],
    ),
    (
        "Hospital staff said they had received 40 wounded people.",
        [("wounded", "any", 40, "exact", "local")],
    ),
    # a surname or title alone names the person named in full earlier, with their side
    (
        "Fighters stormed the base, said Capt. Abdi Warsame, a military officer in the town. "
        "\u201cWe lost nine soldiers,\u201d Warsame told reporters by phone. He said the army "
        "had killed 20 of the attackers.",
        [
            ("killed", "government", 9, "exact", "government"),
            ("killed", "insurgent", 20, "exact", "government"),
        ],
    ),
]

CASES_MORE += [
    (
        "Officials say the death toll from this week's Taliban attack on an army camp in the "
        "district has risen to 30 soldiers.",
        [("killed", "government", 30, "exact", "government")],
    ),
]

CASES_MORE += [
    (
        "Gunmen killed three members of a pro-government militia late Saturday, said a police "
        "spokesman.",
        [("killed", "government", 3, "exact", "government")],
    ),
]

CASES_MORE += [
    # state media and regional governments speak for the state; an insurgent outlet for the
    # insurgents
    (
        "Troops killed 15 militants in an operation, according to Radio Mogadishu.",
        [("killed", "insurgent", 15, "exact", "government")],
    ),
    (
        "The group's Shahada News Agency claimed that its fighters had killed 54 Burundian "
        "soldiers.",
        [("killed", "foreign", 54, "exact", "insurgent")],
    ),
    (
        "Puntland's security minister said 8 fighters were killed in an airstrike.",
        [("killed", "insurgent", 8, "exact", "government")],
    ),
    (
        "A senior police officer told reporters that 7 people including four soldiers died in "
        "the attack.",
        [("killed", "any", 7, "exact", "government")],
    ),
]

CASES_MORE += [
    # troop levels are not a garrison; a year names an earlier attack; suspects are counted on the
    # insurgent side
    ("Some 8,600 US troops are stationed in Afghanistan to train Afghan forces.", []),
    (
        "Security forces arrested 12 suspects in connection with the attack, the NDS said.",
        [("captured", "insurgent", 12, "exact", "government")],
    ),
]

CASES_MORE += [
    # armed actors, state forces and monitors of other theatres take their sides from the table
    (
        "The Houthis said 12 of their fighters were killed in the air strikes.",
        [("killed", "insurgent", 12, "exact", "insurgent")],
    ),
    (
        "At least 10 soldiers were killed in the ambush, security sources said.",
        [("killed", "government", 10, "at_least", "government")],
    ),
    (
        "The RSF said its fighters killed 30 soldiers near the city.",
        [("killed", "government", 30, "exact", "insurgent")],
    ),
    (
        "The Syrian Observatory for Human Rights said 14 civilians were killed in the shelling.",
        [("killed", "civilian", 14, "exact", "watchdog")],
    ),
    (
        "The IDF said 3 soldiers were wounded in the clashes.",
        [("wounded", "government", 3, "exact", "government")],
    ),
    (
        "The PKK said it killed 9 Turkish soldiers in the mountains.",
        [("killed", "government", 9, "exact", "insurgent")],
    ),
    (
        "Gangs killed at least 20 people in the district, rescue workers said.",
        [("killed", "any", 20, "at_least", "local")],
    ),
]

CASES_MORE += [
    # a trailing frame ends with where and when it was said
    (
        "Five residents were killed, the governor of the region said in his Telegram channel.",
        [("killed", "civilian", 5, "exact", "government")],
    ),
    (
        "Five soldiers were killed, the army said late on Monday.",
        [("killed", "government", 5, "exact", "government")],
    ),
    (
        "Seven policemen were wounded, the ministry said in a statement on its website.",
        [("wounded", "government", 7, "exact", "government")],
    ),
]

CASES_MORE += [
    # the day it was said may stand between the verb and what it says
    (
        "The army said on Monday that 12 soldiers died in the attack.",
        [("killed", "government", 12, "exact", "government")],
    ),
    (
        "The separatist forces had earlier announced that 9 soldiers were killed.",
        [("killed", "government", 9, "exact", "insurgent")],
    ),
    (
        "Police killed at least 14 civilians, according to the U.N. human rights office.",
        [("killed", "civilian", 14, "at_least", "watchdog")],
    ),
]

CASES_MORE += [
    # a reporting word whose speaker names no one is a noun: the frame is further on
    (
        "An earlier report from the defence ministry stated that the raid killed 7 soldiers.",
        [("killed", "government", 7, "exact", "government")],
    ),
]

CASES_MORE += [
    # a relative clause is a frame of its own, spoken by the noun phrase before it
    (
        "Taliban claims were dismissed by the army, which said 26 soldiers died.",
        [("killed", "government", 26, "exact", "government")],
    ),
    (
        "Officials said 9 soldiers died, citing the governor, who said 12 were wounded.",
        [
            ("killed", "government", 9, "exact", "government"),
            ("wounded", "government", 12, "exact", "government"),
        ],
    ),
    (
        "The monitor, which has sources across the region, said 40 fighters were killed.",
        [("killed", "insurgent", 40, "exact", "watchdog")],
    ),
    # a trailing frame in the perfect; a state named as the speaker speaks for its government
    (
        "Eleven people have been killed in the shelling, the regional governor has said.",
        [("killed", "any", 11, "exact", "government")],
    ),
    (
        "Fourteen soldiers were killed in the ambush, Mali has said.",
        [("killed", "government", 14, "exact", "government")],
    ),
]

CASES_MORE += [
    # a name with an appositive before the verb, after the words it reports
    (
        "Nine soldiers were killed at the checkpoint, Karim Haddad, the district governor, said.",
        [("killed", "government", 9, "exact", "government")],
    ),
    (
        "The army captured six rebels, Maria de Souza, a spokeswoman for the police, told AFP.",
        [("captured", "insurgent", 6, "exact", "government")],
    ),
    # an inverted frame whose speaker runs on with a long apposition
    (
        "Three gunmen stormed the base, said Colonel Idris Musa, the commander of the brigade that "
        "guards the eastern desert along the border with its two neighbours.",
        [("attackers", "insurgent", 3, "exact", "government")],
    ),
    # a frame inside a relative clause is spoken by that clause's subject
    (
        "Fighting broke out near the bridge in a raid that the armed group said killed seven of "
        "its fighters.",
        [("killed", "insurgent", 7, "exact", "insurgent")],
    ),
    (
        "Troops repelled an attack in which the defence ministry said 14 soldiers died.",
        [("killed", "government", 14, "exact", "government")],
    ),
    # an outlet quoting someone's words: the numbers are the quoted one's
    (
        "A news agency quoted a statement by the rebels as saying that 25 soldiers were killed.",
        [("killed", "government", 25, "exact", "insurgent")],
    ),
    # whom it was said to, and how a trailing frame goes on
    (
        "Two civilians were killed in the strike, an official confirmed to Reuters.",
        [("killed", "civilian", 2, "exact", "government")],
    ),
    (
        "Five people were killed in the shelling, medics said in what was the second raid in a "
        "week.",
        [("killed", "any", 5, "exact", "local")],
    ),
    # an abbreviation with periods is one name
    (
        "Eleven civilians were killed last month, according to the U.N. human rights office.",
        [("killed", "civilian", 11, "exact", "watchdog")],
    ),
    # the source an outlet relays holds the number, not the outlet
    (
        "Reuters reported that militias killed 30 villagers, according to the U.N.",
        [("killed", "civilian", 30, "exact", "watchdog")],
    ),
    # unnamed sources name no one; a group no table names is an armed group, unless it is a
    # rights or aid group
    (
        "Sources said 16 fighters were killed in the clashes.",
        [("killed", "insurgent", 16, "exact", "unattributed")],
    ),
    (
        "The northern group says it killed 40 soldiers.",
        [("killed", "government", 40, "exact", "insurgent")],
    ),
    (
        "An aid group said 18 civilians were wounded.",
        [("wounded", "civilian", 18, "exact", "watchdog")],
    ),
    (
        "Prosecutors said 12 bodies were found in the pit.",
        [("bodies", "any", 12, "exact", "government")],
    ),
]

CASES_MORE += [
    # nouns of killing, wounding and capture, and the euphemisms of military statements
    (
        "The ambush claimed the lives of four soldiers, the governor said.",
        [("killed", "government", 4, "exact", "government")],
    ),
    (
        "Villagers reported the deaths of nine civilians and the injury of three more.",
        [
            ("killed", "civilian", 9, "exact", "local"),
            ("wounded", "civilian", 3, "exact", "local"),
        ],
    ),
    (
        'The ministry said 21 militants had been "neutralised" in the operation.',
        [("killed", "insurgent", 21, "exact", "government")],
    ),
    (
        "Police announced the arrest of 17 gang members.",
        [("captured", "insurgent", 17, "exact", "government")],
    ),
    # a second count joined by "and" shares the first one's verb
    (
        "The blast killed seven policemen and three civilians, a private broadcaster said.",
        [
            ("killed", "government", 7, "exact", "media"),
            ("killed", "civilian", 3, "exact", "media"),
        ],
    ),
    # captives who are killed are counted as killed; deaths confirmed or presumed
    (
        "Two hostages were killed and four soldiers were confirmed dead, the army said.",
        [
            ("killed", "any", 2, "exact", "government"),
            ("killed", "government", 4, "exact", "government"),
        ],
    ),
    (
        "Two of the hostages were killed, the ministry said.",
        [("killed", "any", 2, "exact", "government")],
    ),
    (
        "The group still holds 30 hostages, officials said.",
        [("captured", "any", 30, "exact", "government")],
    ),
    # lives claimed or lost are deaths; lives saved are not
    (
        "The shelling claimed 18 lives, medics said, and the evacuation saved 300 lives.",
        [("killed", "any", 18, "exact", "local")],
    ),
    # one person named before the count: its verb is the count's
    (
        "The blast killed the bomber and two bystanders, and troops killed the group's leader "
        "and 20 of his fighters.",
        [
            ("killed", "civilian", 2, "exact", "media"),
            ("killed", "insurgent", 20, "exact", "media"),
        ],
    ),
    # a figure put at or revised to, after a time adverbial
    (
        "Two days later, the ministry put the number of dead at 14 and the wounded at 22.",
        [
            ("killed", "any", 14, "exact", "government"),
            ("wounded", "any", 22, "exact", "government"),
        ],
    ),
    (
        "The health ministry revised its toll to 31.",
        [("killed", "any", 31, "exact", "government")],
    ),
    (
        "Nine people were killed, activists and a hospital source said.",
        [("killed", "any", 9, "exact", "local")],
    ),
    # the verb in scare quotes before the number
    (
        "The army said it had 'neutralised' about 20 terrorists near the border.",
        [("killed", "insurgent", 20, "about", "government")],
    ),
    # part of a counted whole: the part is the count
    (
        "Police said seven of the 10 suspects were arrested.",
        [("captured", "insurgent", 7, "exact", "government")],
    ),
    # attackers named by the attack ("by"), infiltrators, a toll estimated, deaths of a kind
    (
        "The attack on the town in May by about 200 militants failed, and two fighters had "
        "infiltrated the base, the army said.",
        [
            ("attackers", "insurgent", 200, "about", "government"),
            ("attackers", "insurgent", 2, "exact", "government"),
        ],
    ),
    (
        "The death toll is estimated to be between 40 and 50, bringing the total to 62 soldier "
        "deaths this week.",
        [
            ("killed", "any", 50, "range", "unattributed"),
            ("killed", "any", 62, "exact", "unattributed"),
        ],
    ),
    # a noun that starts like a month is no date ("separatists", not "Sep")
    (
        "The army said 13 separatists were killed on 4 Sept.",
        [("killed", "insurgent", 13, "exact", "government")],
    ),
]
