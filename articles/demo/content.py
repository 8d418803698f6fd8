# ruff: noqa: E501
"""Demo content for the ``load_demo`` management command.

Pure Python data: no Django imports. All people, places, parties and
organisations are fictional. British spelling throughout.
"""

from typing import Any

# Records as a loader reads them, like rows of JSON: one dict per section, author, story...
Record = dict[str, Any]

SECTIONS: list[Record] = [
    {
        "name": "News",
        "slug": "news",
        "description": "Breaking stories and the day's most important reporting from across the country.",
        "position": 1,
        "comments_enabled_by_default": True,
    },
    {
        "name": "Politics",
        "slug": "politics",
        "description": "The Assembly, the Cabinet, the councils and the people trying to win your vote.",
        "position": 2,
        "comments_enabled_by_default": True,
    },
    {
        "name": "Business",
        "slug": "business",
        "description": "Markets, jobs, prices and the companies shaping the national economy.",
        "position": 3,
        "comments_enabled_by_default": True,
    },
    {
        "name": "Culture",
        "slug": "culture",
        "description": "Books, music, theatre, art and the people who make them.",
        "position": 4,
        "comments_enabled_by_default": True,
    },
    {
        "name": "Courts",
        "slug": "courts",
        "description": "Reporting from the criminal and civil courts, written with care for fairness and the law.",
        "position": 5,
        "comments_enabled_by_default": False,
    },
]

AUTHORS: list[Record] = [
    {
        "name": "Aoife Brennan",
        "slug": "aoife-brennan",
        "bio": "Aoife Brennan is our social affairs correspondent, covering housing, health and welfare.",
    },
    {
        "name": "Conor Whelan",
        "slug": "conor-whelan",
        "bio": "Conor Whelan is political editor and has reported from the Assembly for eleven years.",
    },
    {
        "name": "Priya Nair",
        "slug": "priya-nair",
        "bio": "Priya Nair is business correspondent, writing about energy, retail and the cost of living.",
    },
    {
        "name": "Fergus Doyle",
        "slug": "fergus-doyle",
        "bio": "Fergus Doyle is our regional affairs reporter, based in the western office in Kilbrannan.",
    },
    {
        "name": "Helen Mac Suibhne",
        "slug": "helen-mac-suibhne",
        "bio": "Helen Mac Suibhne is legal affairs correspondent and a former solicitor.",
    },
    {
        "name": "Marcus Oduya",
        "slug": "marcus-oduya",
        "bio": "Marcus Oduya is arts editor, covering visual art, theatre and music.",
    },
    {
        "name": "Siobhan Carty",
        "slug": "siobhan-carty",
        "bio": "Siobhan Carty is environment and climate correspondent.",
    },
    {
        "name": "Tom Ashworth",
        "slug": "tom-ashworth",
        "bio": "Tom Ashworth is transport and infrastructure reporter and a lifelong rail enthusiast.",
    },
]

TAGS = [
    "Housing",
    "Transport",
    "Health",
    "Education",
    "Climate",
    "Economy",
    "Elections",
    "Arts",
    "Crime",
    "Energy",
    "Justice",
    "Heritage",
    "Agriculture",
    "Local Government",
    "Books",
]

READERS = ["reader", "moira_k", "tomasz_w", "declan88", "sunita_r", "hugh_o"]

IMAGES: list[Record] = [
    {
        "key": "harbour-dawn",
        "alt_text": "Fishing boats moored in a stone harbour at first light, with the town rising behind.",
        "caption": "Boats in the inner harbour at Port Ardan, where winter storms have repeatedly breached the quay.",
        "credit": "Niamh Kelly/Harbour Press Agency",
        "palette": ((20, 40, 90), (230, 180, 80)),
        "motif": "waves",
    },
    {
        "key": "sea-wall-works",
        "alt_text": "Construction workers in high-visibility jackets placing rock armour along a sea wall.",
        "caption": "Contractors reinforce the eastern sea wall during a trial phase of the works last spring.",
        "credit": "Staff photographer",
        "palette": ((60, 70, 80), (200, 120, 40)),
        "motif": "stripes",
    },
    {
        "key": "housing-estate",
        "alt_text": "Rows of terraced houses under construction on the edge of a town, with cranes overhead.",
        "caption": "New homes under construction at Marrowfield, one of the largest public housing schemes in the country.",
        "credit": "Alamy Stock Photo",
        "palette": ((90, 110, 140), (240, 220, 190)),
        "motif": "skyline",
    },
    {
        "key": "country-bus",
        "alt_text": "A single-decker bus travelling along a narrow road between stone walls and green fields.",
        "caption": "A rural link service on the road between Glenmoy and Ballydrum.",
        "credit": "Fergus Doyle",
        "palette": ((40, 110, 70), (210, 230, 160)),
        "motif": "mountains",
    },
    {
        "key": "parliament-steps",
        "alt_text": "Politicians and staff walking up the granite steps of a columned government building.",
        "caption": "Members arrive at the Assembly building for the budget debate.",
        "credit": "PA Wire",
        "palette": ((70, 60, 90), (220, 200, 170)),
        "motif": "stripes",
    },
    {
        "key": "count-centre",
        "alt_text": "Election officials sorting ballot papers at long tables in a sports hall.",
        "caption": "Tallymen and count staff at the Kilbrannan count centre on Saturday morning.",
        "credit": "Reuters",
        "palette": ((30, 50, 70), (120, 200, 210)),
        "motif": "grid",
    },
    {
        "key": "ballot-boxes",
        "alt_text": "Sealed black ballot boxes stacked on a trolley beside a polling station sign.",
        "caption": "Ballot boxes arrive from island polling stations by ferry and van.",
        "credit": "Staff photographer",
        "palette": ((25, 25, 35), (200, 60, 60)),
        "motif": "bars",
    },
    {
        "key": "council-chamber",
        "alt_text": "A wood-panelled council chamber with councillors seated in a horseshoe arrangement.",
        "caption": "Port Ardan City Council's chamber during the annual budget meeting.",
        "credit": "Eoin Tracey/Civic Photo",
        "palette": ((90, 50, 30), (230, 200, 150)),
        "motif": "circles",
    },
    {
        "key": "offshore-turbines",
        "alt_text": "A line of white wind turbines standing in a grey sea under a low sky.",
        "caption": "An existing offshore array off the Dunvarra coast, which the new project would sit beside.",
        "credit": "Alamy Stock Photo",
        "palette": ((110, 140, 170), (235, 240, 245)),
        "motif": "stripes",
    },
    {
        "key": "turbine-blades",
        "alt_text": "Enormous turbine blades lying on transport trailers at a quayside.",
        "caption": "Turbine blades awaiting shipment at Dunvarra port, which hopes to become an assembly hub.",
        "credit": "Reuters",
        "palette": ((30, 60, 100), (180, 210, 230)),
        "motif": "waves",
    },
    {
        "key": "bakery-counter",
        "alt_text": "Loaves and pastries displayed on wooden shelves behind a shop counter.",
        "caption": "Bread on sale in a Harrow's bakery in Port Ardan.",
        "credit": "Priya Nair",
        "palette": ((120, 70, 30), (250, 220, 160)),
        "motif": "circles",
    },
    {
        "key": "market-stalls",
        "alt_text": "Shoppers browsing fruit and vegetable stalls under striped awnings.",
        "caption": "Shoppers at the Saturday market in Rathcullen, where traders say customers are still cautious.",
        "credit": "PA Wire",
        "palette": ((160, 40, 50), (250, 200, 90)),
        "motif": "bars",
    },
    {
        "key": "gallery-hall",
        "alt_text": "A tall, sunlit gallery hall with paintings hung on pale walls and visitors looking on.",
        "caption": "The restored Long Room at the National Gallery, open to the public again after four years.",
        "credit": "Marta Lis/National Gallery",
        "palette": ((200, 190, 170), (90, 80, 70)),
        "motif": "grid",
    },
    {
        "key": "gallery-sculpture",
        "alt_text": "A bronze figure on a plinth beneath a glass roof, with a child looking up at it.",
        "caption": "The Weaver, cast in 1911, has been returned to the central atrium after conservation.",
        "credit": "Staff photographer",
        "palette": ((60, 45, 30), (200, 160, 90)),
        "motif": "circles",
    },
    {
        "key": "festival-stage",
        "alt_text": "Fiddle and accordion players performing on an outdoor stage strung with lights.",
        "caption": "Musicians on the main stage at last year's Innisglas festival.",
        "credit": "Cathal Moran",
        "palette": ((40, 20, 70), (240, 150, 60)),
        "motif": "circles",
    },
    {
        "key": "reading-room",
        "alt_text": "A quiet library reading room with green lamps on long oak tables.",
        "caption": "The reading room of the Kilbrannan public library, where the author wrote much of her novel.",
        "credit": "Alamy Stock Photo",
        "palette": ((30, 70, 50), (220, 210, 170)),
        "motif": "grid",
    },
    {
        "key": "courthouse-columns",
        "alt_text": "The stone columns and portico of a nineteenth-century courthouse.",
        "caption": "The Central Criminal Court in Port Ardan.",
        "credit": "Staff photographer",
        "palette": ((80, 80, 90), (210, 205, 195)),
        "motif": "stripes",
    },
    {
        "key": "ledger-grid",
        "alt_text": "An abstract illustration of columns of figures on ruled paper.",
        "caption": "The court heard that the transfers were disguised in the scheme's accounts over six years.",
        "credit": "Illustration: Studio Desk",
        "palette": ((20, 50, 40), (170, 210, 180)),
        "motif": "grid",
    },
    {
        "key": "hospital-corridor",
        "alt_text": "A long hospital corridor with trolleys lined against the wall.",
        "caption": "Trolleys in a corridor at St Brigid's University Hospital during a busy period.",
        "credit": "PA Wire",
        "palette": ((160, 200, 210), (245, 250, 250)),
        "motif": "stripes",
    },
    {
        "key": "school-yard",
        "alt_text": "An empty primary school yard with painted hopscotch squares and a prefab classroom.",
        "caption": "The yard at St Colman's National School in Glenmoy, where two prefabs have been in use since 2009.",
        "credit": "Fergus Doyle",
        "palette": ((200, 80, 60), (250, 230, 120)),
        "motif": "grid",
    },
    {
        "key": "census-chart",
        "alt_text": "An abstract chart of rising coloured bars representing population figures.",
        "caption": "Population growth was strongest in commuter counties around Port Ardan, the figures show.",
        "credit": "Graphic: Studio Desk",
        "palette": ((20, 30, 60), (90, 190, 200)),
        "motif": "bars",
    },
    {
        "key": "lighthouse",
        "alt_text": "A white lighthouse on a rocky headland with waves breaking below.",
        "caption": "Ardan Head lighthouse, which has guided ships into the bay since 1843.",
        "credit": "Niamh Kelly/Harbour Press Agency",
        "palette": ((30, 60, 110), (240, 240, 230)),
        "motif": "waves",
    },
    {
        "key": "rail-viaduct",
        "alt_text": "A curved stone railway viaduct crossing a wooded valley.",
        "caption": "The Glenmoy viaduct on the Ballydrum branch line.",
        "credit": "Tom Ashworth",
        "palette": ((70, 90, 60), (220, 200, 160)),
        "motif": "mountains",
    },
    {
        "key": "reservoir",
        "alt_text": "A reservoir in hill country with low water levels exposing a pale shoreline.",
        "caption": "Low water at the Lough Cullen reservoir, which supplies much of the eastern region.",
        "credit": "Reuters",
        "palette": ((60, 100, 130), (210, 190, 150)),
        "motif": "mountains",
    },
    {
        "key": "theatre-curtain",
        "alt_text": "A red velvet theatre curtain lit by a single spotlight.",
        "caption": "The Abbeyfield Theatre will open its season with a new play by a first-time writer.",
        "credit": "Ros Kavanagh/Abbeyfield Theatre",
        "palette": ((90, 10, 20), (220, 60, 60)),
        "motif": "stripes",
    },
    {
        "key": "fire-station",
        "alt_text": "A fire engine parked outside the open doors of a red-brick fire station.",
        "caption": "Fire crews from Rathcullen station attended the incident.",
        "credit": "Staff photographer",
        "palette": ((150, 30, 20), (240, 180, 60)),
        "motif": "bars",
    },
]

ARTICLES: list[Record] = [
    # 1 -----------------------------------------------------------------
    {
        "slug": "port-ardan-flood-defences-approved",
        "headline": "Port Ardan's €140m flood defences finally approved after a decade of delays",
        "standfirst": "The planning board has cleared the way for a new sea wall and tidal barrier, ten years after the storm that flooded the city's old quarter.",
        "section": "news",
        "authors": ["siobhan-carty", "fergus-doyle"],
        "tags": ["Climate", "Local Government"],
        "hero": "harbour-dawn",
        "hours_ago": 1,
        "status": "published",
        "body": [
            (
                "p",
                "Port Ardan's long-awaited flood defence scheme has been approved by the national planning board, clearing the final obstacle to a project first proposed after the storm that left the city's old quarter under a metre of seawater a decade ago.",
            ),
            (
                "p",
                "The €140 million plan includes a raised and strengthened sea wall along the eastern quay, a tidal barrier at the mouth of the Ardan river and a series of flood gates that can be closed within an hour of a storm warning. Work is expected to begin in the autumn and take four years.",
            ),
            (
                "p",
                'The board rejected objections from a group of harbour businesses, who argued that two years of construction along the quay would cost them trade. In its decision, the board said the risk to homes and businesses from doing nothing was "significant and growing" and that the council had offered reasonable measures to keep the quay open during the works.',
            ),
            ("figure", "sea-wall-works"),
            (
                "p",
                "Engineers working for the council estimate that more than 2,300 properties are at risk from a one-in-a-hundred-year flood, a figure expected to rise as sea levels climb. Insurance cover in parts of the old quarter has become difficult to obtain since the last major flood.",
            ),
            (
                "blockquote",
                '"For ten years people here have gone to bed listening to the forecast. This is the day that starts to change." - Councillor Maeve Dunleavy',
            ),
            ("h2", "What happens next"),
            (
                "ul",
                [
                    "Tenders for the main contract will be advertised within six weeks.",
                    "A public information office will open on Quay Street before work begins.",
                    "The tidal barrier is scheduled to be operational before the sea wall is finished.",
                ],
            ),
            (
                "p",
                'Residents\' groups welcomed the decision but said they would be watching the timetable closely. "We have had launch days before," said Brian Keogh of the Old Quarter Residents\' Association. "What we want now is diggers."',
            ),
        ],
        "comments": [
            {
                "reader": "moira_k",
                "text": "My parents' house on Chandler's Lane was flooded twice. This is the best news they have had in years.",
                "replies": [
                    {
                        "reader": "hugh_o",
                        "text": "Same for half our street. Fingers crossed the four years really means four.",
                    },
                ],
            },
            {
                "reader": "tomasz_w",
                "text": "I have sympathy for the quay businesses, but the council's plan to keep one lane open seems fair enough to me.",
                "replies": [],
            },
            {
                "reader": "declan88",
                "text": "Anyone interested can read the engineers' flood risk summary here: https://example.org/report - the maps of the old quarter are sobering.",
                "replies": [],
            },
        ],
    },
    # 2 -----------------------------------------------------------------
    {
        "slug": "social-housing-waiting-list-record-high",
        "headline": "Social housing waiting list reaches record 68,000 households",
        "standfirst": "Figures published by the Department of Housing show the list grew for the fifth year in a row, with the sharpest rise among single people over fifty.",
        "section": "news",
        "authors": ["aoife-brennan"],
        "tags": ["Housing", "Local Government"],
        "hero": "housing-estate",
        "hours_ago": 5,
        "status": "published",
        "body": [
            (
                "p",
                "The number of households waiting for social housing has reached 68,214, the highest figure since records began, according to the Department of Housing's annual assessment published this morning.",
            ),
            (
                "p",
                "The total is up 6 per cent on last year. While the number of families with children on the list was broadly stable, the number of single people aged over fifty rose by almost a fifth, a trend that charities say reflects rising rents and a shortage of one-bedroom homes.",
            ),
            ("h2", "Long waits in the cities"),
            (
                "p",
                "More than a third of households on the list have been waiting for over five years. In Port Ardan the median wait is now seven years and four months; in some rural counties it is under two years, although applicants there often face long distances to work and services.",
            ),
            (
                "blockquote",
                '"These are not just numbers on a spreadsheet. Behind each one is someone sleeping on a sister\'s sofa or choosing between rent and heating." - Gráinne Hollis, Shelter Alliance',
            ),
            (
                "p",
                'The Minister for Housing, Declan Farrelly, said the figures showed why the Government had committed to building 12,000 public homes a year. "We are completing more homes than at any time in forty years, and that will show up in these figures," he said.',
            ),
            (
                "p",
                "Opposition spokespeople pointed out that last year's target was missed by some 2,000 homes, and that many councils are still struggling to buy land. The Local Authority Managers' Association has asked for a dedicated fund to allow councils to acquire vacant buildings more quickly.",
            ),
            (
                "p",
                "The assessment also found that 4,100 households on the list are currently in emergency accommodation, including hotels and hostels, a figure that has nearly doubled in three years.",
            ),
        ],
        "comments": [
            {
                "reader": "sunita_r",
                "text": "The rise among over-fifties is the part that worries me. Very little being built is suited to people living alone.",
                "replies": [
                    {
                        "reader": "reader",
                        "text": "Agreed. Our council has a site earmarked for older people's apartments that has sat empty for six years.",
                    },
                    {
                        "reader": "moira_k",
                        "text": "Downsizing would free up family homes too, if there were anywhere to downsize to.",
                    },
                ],
            },
            {
                "reader": "hugh_o",
                "text": "With respect to the Minister, completions are up but so is the list. Something other than supply must be going on as well.",
                "replies": [],
            },
        ],
    },
    # 3 -----------------------------------------------------------------
    {
        "slug": "rural-bus-routes-restored-west",
        "headline": "Fourteen rural bus routes to be restored in western counties",
        "standfirst": "The National Transport Authority will reinstate services cut more than a decade ago, with evening and Sunday buses on most routes.",
        "section": "news",
        "authors": ["tom-ashworth"],
        "tags": ["Transport"],
        "hero": "country-bus",
        "hours_ago": 9,
        "status": "published",
        "body": [
            (
                "p",
                "Fourteen bus routes in the west that were cut or reduced to a single weekly service more than a decade ago are to be restored, the National Transport Authority announced today.",
            ),
            (
                "p",
                "The routes, which include links between Glenmoy, Ballydrum and the regional hospital in Kilbrannan, will run at least every two hours from early morning until after 10pm. Ten of them will also operate on Sundays, something that has not happened on most of the roads for a generation.",
            ),
            ("figure", "rail-viaduct"),
            (
                "p",
                "Many of the communities concerned lost their railway link when the Ballydrum branch line closed, and campaigners have long argued that the replacement buses were too infrequent to be useful to people travelling to work or college.",
            ),
            ("h2", "Ticket prices cut"),
            (
                "p",
                "Fares on the restored routes will be capped at €2 for a single journey under the national fare scheme, and under-nineteens will travel for half price. The authority said it expected the services to cost €9.5 million a year to run.",
            ),
            (
                "blockquote",
                '"My mother has not been able to visit her sister in Ballydrum without a lift for twelve years. That is what a bus means." - Teresa Fahy, Glenmoy',
            ),
            (
                "p",
                "The first six routes are due to start running in the spring, with the remainder phased in over the following year as new low-emission vehicles are delivered. Local operators have been invited to tender for four of the routes.",
            ),
            (
                "p",
                "Rural Assembly members from several parties welcomed the announcement, although some asked why services in the north-west had been left out. The authority said a second phase was under review.",
            ),
        ],
        "comments": [],
    },
    # 4 -----------------------------------------------------------------
    {
        "slug": "budget-childcare-subsidy-row",
        "headline": "Coalition partners clash over childcare subsidy as budget talks go down to the wire",
        "standfirst": "The Progressive Union wants a flat weekly payment for every family using registered childcare; the Civic Alliance says the money should be targeted at lower-income households.",
        "section": "politics",
        "authors": ["conor-whelan"],
        "tags": ["Economy", "Education"],
        "hero": "parliament-steps",
        "hours_ago": 3,
        "status": "published",
        "body": [
            (
                "p",
                "A dispute over how to spend €400 million earmarked for childcare has become the last significant obstacle to agreement on next week's budget, senior sources in both coalition parties have confirmed.",
            ),
            (
                "p",
                "The Progressive Union, led by the Deputy Prime Minister, Ruth Kinsella,, wants to raise the universal subsidy paid to every family using registered childcare by €45 a week. The Civic Alliance, the larger partner, would prefer to put most of the money into the means-tested scheme, which it says would help low-income families more.",
            ),
            ("h2", "A long night ahead"),
            (
                "p",
                'Ministers are due to meet again this evening, and several said privately that they expected the talks to run past midnight. "Nobody is going to walk out over this," one minister said. "But nobody wants to blink first either."',
            ),
            (
                "blockquote",
                '"Childcare costs as much as a mortgage for many young families. Universal means nobody falls through the cracks." - Ruth Kinsella, Deputy Prime Minister',
            ),
            (
                "p",
                "Economists are divided. The Fiscal Council has warned that universal payments can be absorbed by providers in higher fees, while a report from the Children's Rights Forum last month found that families just above the means-test threshold were among the hardest hit by rising costs.",
            ),
            (
                "p",
                "A compromise being discussed would split the money, raising the universal subsidy by a smaller amount and lifting the income threshold for the targeted scheme. Sources say the figures are still being worked through by officials in the Department of Finance.",
            ),
            ("p", "The budget is due to be presented to the Assembly on Tuesday afternoon."),
        ],
        "comments": [
            {
                "reader": "declan88",
                "text": "A split seems the obvious outcome. I just hope providers are stopped from swallowing the increase in higher fees again.",
                "replies": [
                    {
                        "reader": "sunita_r",
                        "text": "There is a fee cap attached to the scheme now, so it should be harder this time than it was a few years ago.",
                    },
                ],
            },
            {
                "reader": "tomasz_w",
                "text": "I respectfully disagree with the universal approach. We earn well and do not need the extra; families on the threshold do.",
                "replies": [],
            },
            {
                "reader": "reader",
                "text": "Off topic slightly, but does anyone know whether the budget will say anything about the rural broadband scheme?",
                "replies": [
                    {
                        "reader": "hugh_o",
                        "text": "Conor Whelan wrote last week that it is expected in the capital spending plan rather than the budget itself.",
                    },
                ],
            },
        ],
    },
    # 5 -----------------------------------------------------------------
    {
        "slug": "kilbrannan-by-election-result",
        "headline": "Independent candidate wins Kilbrannan by-election on fifth count",
        "standfirst": "Former school principal Pádraig Lenihan took the seat with a campaign focused on hospital services, in a blow to both Government parties.",
        "section": "politics",
        "authors": ["conor-whelan", "fergus-doyle"],
        "tags": ["Elections", "Health"],
        "hero": "count-centre",
        "hours_ago": 30,
        "status": "published",
        "body": [
            (
                "p",
                "Pádraig Lenihan, a retired school principal who stood as an independent on a platform of protecting services at Kilbrannan Regional Hospital, has won the Kilbrannan by-election after transfers from eliminated candidates carried him past the quota on the fifth count.",
            ),
            (
                "p",
                "Mr Lenihan topped the poll with 31 per cent of first-preference votes, ahead of the Civic Alliance candidate, Sinéad Walsh, on 26 per cent. Transfers from the Progressive Union and the Greens flowed strongly in his favour.",
            ),
            ("figure", "ballot-boxes"),
            ("h2", "Turnout up"),
            (
                "p",
                "Turnout was 58 per cent, unusually high for a by-election and well above the 44 per cent recorded in the last contest in the constituency. Tallymen reported particularly strong turnout in the towns near the hospital.",
            ),
            (
                "blockquote",
                '"People told me on every doorstep that they were tired of being told the hospital would be fine. Tonight they said it for themselves." - Pádraig Lenihan',
            ),
            (
                "p",
                'Government figures played down the result, noting that by-elections often go against parties in power. But one Civic Alliance backbencher said the party "would be foolish to ignore a warning that loud", and called for a clear statement on the hospital\'s future before the summer.',
            ),
            (
                "p",
                'Mr Lenihan is expected to take his seat in the Assembly next week. He has said he will not join any technical group and will vote on legislation "issue by issue". His first priority, he said, would be to seek a meeting with the Minister for Health about the future of the hospital\'s emergency department and maternity unit, which a review last year recommended be merged with services in Port Ardan. "That review is now the most unpopular document in the county," he said.',
            ),
        ],
        "comments": [],
    },
    # 6 -----------------------------------------------------------------
    {
        "slug": "port-ardan-council-freezes-rates",
        "headline": "Port Ardan council freezes business rates for third year",
        "standfirst": "Councillors voted narrowly to hold rates steady, despite warnings that the city faces a €6m shortfall in its maintenance budget.",
        "section": "politics",
        "authors": ["aoife-brennan"],
        "tags": ["Local Government", "Economy"],
        "hero": "council-chamber",
        "hours_ago": 70,
        "status": "published",
        "body": [
            (
                "p",
                "Port Ardan City Council has voted to freeze commercial rates for a third consecutive year, rejecting a recommendation from the chief executive for an increase of 3 per cent.",
            ),
            (
                "p",
                "The motion passed by 21 votes to 18 after a debate that lasted more than four hours. Supporters argued that city-centre shops and cafés were still recovering from several difficult years and that any increase would push some out of business.",
            ),
            ("h2", "Maintenance warning"),
            (
                "p",
                "The council's chief executive, Alan Forde, told members that without additional income the city would face a shortfall of around €6 million in its roads and parks budget next year. He said some footpath repairs and street-lighting upgrades would have to be postponed.",
            ),
            (
                "blockquote",
                '"We can freeze rates, or we can fix footpaths. We cannot keep doing both with the same money." - Alan Forde, chief executive',
            ),
            (
                "p",
                'Councillor Joanne Prendergast, who proposed the freeze, said the council should press central government for a fairer share of the local property tax instead of "asking the same small businesses to carry the load".',
            ),
            (
                "p",
                "The city's chamber of commerce welcomed the decision. Its president, Kevin Moloney, said vacancy rates on the main shopping streets had fallen for the first time in five years and that the freeze would help that recovery continue. He added that the council should now concentrate on making the city centre easier to reach, pointing to the success of late-night bus services introduced last year and calling for cheaper evening parking in council-owned car parks.",
            ),
            (
                "p",
                "Councillors will return to the question of maintenance spending at a special meeting next month.",
            ),
        ],
        "comments": [],
    },
    # 7 -----------------------------------------------------------------
    {
        "slug": "dunvarra-offshore-wind-farm-approved",
        "headline": "Dunvarra offshore wind farm gets green light, promising 600 jobs",
        "standfirst": "The 900-megawatt project would be the largest in the country, and could power the equivalent of 700,000 homes when complete.",
        "section": "business",
        "authors": ["priya-nair", "siobhan-carty"],
        "tags": ["Energy", "Climate", "Economy"],
        "hero": "offshore-turbines",
        "hours_ago": 26,
        "status": "published",
        "body": [
            (
                "p",
                "A 900-megawatt offshore wind farm off the Dunvarra coast has been granted planning permission, making it the largest renewable energy project yet approved in the country.",
            ),
            (
                "p",
                "The developer, Northwind Energy, a joint venture between a domestic utility and a Scandinavian infrastructure fund, said it expected to make a final investment decision within a year and to begin generating electricity before the end of the decade.",
            ),
            ("h2", "Jobs for the port"),
            (
                "p",
                "About 600 people would be employed during construction, the company said, with around 90 permanent operations and maintenance jobs based at Dunvarra. The port has applied for funding to build a deep-water berth that would allow turbine parts to be assembled locally.",
            ),
            ("figure", "turbine-blades"),
            (
                "p",
                "Fishing organisations had objected to the project, saying it would close off productive grounds. The planning conditions require the developer to fund a fisheries liaison officer and to compensate boats for lost access during construction.",
            ),
            (
                "blockquote",
                '"This is the kind of project that decides whether a town like ours grows or empties out." - Orla Devane, Dunvarra Port Company',
            ),
            (
                "p",
                "Analysts said the approval was a significant step towards the national target of generating 80 per cent of electricity from renewable sources, but warned that grid connections remained a bottleneck. The transmission operator has said a new substation near Dunvarra is unlikely to be ready before the wind farm. Northwind said it was in discussions with the operator about sharing the cost of an interim connection. Environmental groups broadly welcomed the decision, though the Coastal Bird Trust said it would monitor the effect on seabird colonies on the nearby Skellan islands.",
            ),
        ],
        "comments": [
            {
                "reader": "hugh_o",
                "text": "I grew up in Dunvarra. The port has been half empty since the fish processing plant shut, so this could genuinely change the place.",
                "replies": [
                    {
                        "reader": "moira_k",
                        "text": "Lovely to hear a local voice on this. I hope the permanent jobs go to people from the area.",
                    },
                ],
            },
            {
                "reader": "sunita_r",
                "text": "The grid point at the end is the real story. Approving turbines we cannot connect does not cut emissions.",
                "replies": [],
            },
        ],
    },
    # 8 -----------------------------------------------------------------
    {
        "slug": "harrows-bakery-expansion",
        "headline": "Family bakery Harrow's to open twelve new shops and hire 150 staff",
        "standfirst": "The fourth-generation business says demand for traditional bread has held up despite rising flour and energy costs.",
        "section": "business",
        "authors": ["priya-nair"],
        "tags": ["Economy"],
        "hero": "bakery-counter",
        "hours_ago": 120,
        "status": "published",
        "body": [
            (
                "p",
                "Harrow's, the family-owned bakery chain founded in Rathcullen in 1928, is to open twelve new shops over the next two years and create 150 jobs, the company announced yesterday.",
            ),
            (
                "p",
                "The expansion, which will bring the chain to 41 shops, is being funded by a €9 million loan from a state-backed lending scheme for small and medium-sized businesses. New outlets are planned in Port Ardan, Kilbrannan and several commuter towns.",
            ),
            ("h2", "Costs still biting"),
            (
                "p",
                "Managing director Clare Harrow, great-granddaughter of the founder, said the business had absorbed steep increases in the price of flour, butter and electricity over the past three years, and had raised prices only twice in that time.",
            ),
            (
                "blockquote",
                '"People will cut back on a lot of things, but they still want a good loaf on a Saturday morning." - Clare Harrow',
            ),
            (
                "p",
                'The company\'s accounts show turnover rose 11 per cent last year to €38 million, though profit margins narrowed. Ms Harrow said a new central bakery with more efficient ovens, opened in Rathcullen last year, had cut energy use by about a quarter. She said the family had turned down two offers from larger food groups in recent years. "My great-grandfather sold bread from a handcart. We would like the business still to be ours when it turns a hundred," she said.',
            ),
            (
                "p",
                "Recruitment for bakers and shop staff will begin next month. The company also plans to double its apprenticeship scheme, which takes on about ten trainee bakers a year, and said it was working with a further education college to design a new qualification.",
            ),
        ],
        "comments": [],
    },
    # 9 -----------------------------------------------------------------
    {
        "slug": "inflation-eases-third-month",
        "headline": "Inflation eases for third month in a row as energy prices fall",
        "standfirst": "Consumer prices rose 2.8 per cent in the year to last month, but food costs are still climbing faster than wages for many households.",
        "section": "business",
        "authors": ["priya-nair"],
        "tags": ["Economy"],
        "hero": "market-stalls",
        "hours_ago": 200,
        "status": "published",
        "body": [
            (
                "p",
                "The annual rate of inflation fell to 2.8 per cent last month, down from 3.3 per cent, the Central Statistics Office said today. It is the third consecutive monthly fall and the lowest rate in more than two years.",
            ),
            (
                "p",
                "The main driver was a drop in household energy prices, after two large suppliers cut their standard tariffs. Transport costs also fell, reflecting cheaper fuel at the pump.",
            ),
            ("h2", "Food remains stubborn"),
            (
                "p",
                "Food and non-alcoholic drink prices, however, were still 5.1 per cent higher than a year earlier. Bread, dairy and fresh vegetables showed some of the steepest rises.",
            ),
            ("figure", "bakery-counter"),
            (
                "p",
                "Economists said the figures made it more likely that interest rates would be cut in the coming months, which would be welcome news for mortgage holders on variable rates. Markets are now pricing in a quarter-point cut by the autumn. However, several economists warned that wage growth, running at around 4 per cent, could keep services inflation higher for longer, and that a cold winter could quickly reverse the fall in energy prices.",
            ),
            (
                "blockquote",
                '"The headline number is heading the right way. But a family\'s weekly shop is where people feel inflation, and that is still painful." - Dr Emer Quigley, economist',
            ),
            (
                "ul",
                [
                    "Energy prices: down 7.4 per cent on the year",
                    "Food: up 5.1 per cent",
                    "Rents: up 4.6 per cent",
                    "Clothing and footwear: up 0.9 per cent",
                ],
            ),
            (
                "p",
                'The Minister for Finance said the figures showed the economy was "turning a corner", though consumer groups cautioned that prices are not falling, only rising more slowly.',
            ),
        ],
        "comments": [
            {
                "reader": "tomasz_w",
                "text": "Good to see the breakdown list. Rents at 4.6 per cent is the number that matters most to me.",
                "replies": [],
            },
            {
                "reader": "moira_k",
                "text": "Whatever the statistics say, my shopping bill has not gone down one bit.",
                "replies": [
                    {
                        "reader": "declan88",
                        "text": "That is the point the economist makes, to be fair: slower rises are still rises.",
                    },
                ],
            },
        ],
    },
    # 10 ----------------------------------------------------------------
    {
        "slug": "national-gallery-reopens-after-restoration",
        "headline": "National Gallery reopens its historic wing after four-year restoration",
        "standfirst": "The Long Room, closed since a roof failure, returns with better light, new accessible entrances and several paintings that have not been on display for decades.",
        "section": "culture",
        "authors": ["marcus-oduya"],
        "tags": ["Arts", "Heritage"],
        "hero": "gallery-hall",
        "hours_ago": 48,
        "status": "published",
        "body": [
            (
                "p",
                "The historic wing of the National Gallery in Port Ardan reopened to the public yesterday, four years after water pouring through a failed roof forced its closure and the emergency removal of more than 300 works.",
            ),
            (
                "p",
                "The €31 million restoration has replaced the Victorian roof lanterns, installed climate controls and added a level entrance on Gallery Lane, making the wing fully accessible for the first time since it was built in 1864.",
            ),
            ("h2", "Old friends and new discoveries"),
            (
                "p",
                "Visitors will find familiar favourites back on the walls, but also several paintings that have spent decades in storage. Among them is a set of harbour scenes by the little-known nineteenth-century painter Elizabeth Rourke, cleaned and reattributed during the closure. Conservators removed layers of yellowed varnish to reveal bright skies and small details, including a dog asleep on a coil of rope, that had been invisible for more than a century.",
            ),
            ("figure", "gallery-sculpture"),
            (
                "p",
                'The gallery\'s director, Dr Fionnuala Ward, said the closure had been "a painful gift": it gave conservators time to study works that are rarely moved. "We know more about this collection now than at any time in its history," she said.',
            ),
            (
                "blockquote",
                '"The light in this room is the real masterpiece. We have simply let it back in." - Dr Fionnuala Ward',
            ),
            (
                "p",
                "Admission remains free. The gallery expects long queues in the first weeks and is recommending that visitors book a timed slot online, although a number of walk-up places will be held each day. The wing will also open late on Thursday evenings throughout the summer.",
            ),
        ],
        "comments": [
            {
                "reader": "sunita_r",
                "text": "Went this morning with my daughter. The Rourke harbour paintings are beautiful, and the new entrance made the visit so much easier with the buggy.",
                "replies": [],
            },
            {
                "reader": "reader",
                "text": "Thirty-one million is a lot, but a national collection is worth looking after properly. Well done to everyone involved.",
                "replies": [
                    {
                        "reader": "tomasz_w",
                        "text": "Agreed, and it is free to get in. Not many places can say that.",
                    },
                ],
            },
        ],
    },
    # 11 ----------------------------------------------------------------
    {
        "slug": "innisglas-traditional-music-festival",
        "headline": "Innisglas festival at fifty: how a pub session became a national institution",
        "standfirst": "What began as a weekend of tunes in one bar now draws 40,000 people to a town of 2,000. Organisers and musicians look back on half a century.",
        "section": "culture",
        "authors": ["marcus-oduya"],
        "tags": ["Arts", "Heritage"],
        "hero": "festival-stage",
        "hours_ago": 340,
        "status": "published",
        "body": [
            (
                "p",
                "Fifty years ago, a fiddler called Jimmy Considine put a notice in the window of Hegarty's bar in Innisglas inviting anyone with an instrument to a weekend of tunes. Eleven people came. This summer, the Innisglas Festival of Traditional Music expects forty thousand.",
            ),
            (
                "p",
                "The festival, which runs for nine days, now includes concerts, dance workshops, a summer school for young players and more than 200 informal sessions in pubs, kitchens and, on one memorable occasion, the back of a cattle lorry.",
            ),
            ("h2", "Keeping it local"),
            (
                "p",
                "Organisers say the challenge has been to grow without losing the spirit of those early weekends. Accommodation is now booked out a year ahead, and some residents have raised concerns about traffic and noise.",
            ),
            (
                "blockquote",
                '"The big concerts are wonderful, but the heart of it is still two old men and a teenager playing a reel in a corner at two in the morning." - Nóra Considine, festival chair',
            ),
            (
                "p",
                "Ms Considine, the founder's daughter, said the committee had introduced a park-and-ride scheme and set aside quiet zones in residential streets. A share of ticket income is now given to the local primary school, which teaches every child an instrument.",
            ),
            (
                "p",
                "For musicians, the festival remains a rite of passage. Many of the country's best-known players competed in its junior competitions, and the summer school has taught several generations of young fiddlers, pipers and concertina players.",
            ),
            (
                "p",
                "The fiftieth festival opens on the first Friday of July with a concert in the town square. Jimmy Considine's own fiddle, now kept by the family, will be played on stage by his great-grandson.",
            ),
        ],
        "comments": [
            {
                "reader": "declan88",
                "text": "I played at the junior competition in the nineties and was terrified. Great to see it still going strong.",
                "replies": [],
            },
            {
                "reader": "hugh_o",
                "text": "A small correction from a local: Hegarty's is Keane's now, though everyone still calls it Hegarty's.",
                "replies": [
                    {"reader": "moira_k", "text": "And always will, I suspect!"},
                ],
            },
        ],
    },
    # 12 ----------------------------------------------------------------
    {
        "slug": "debut-novel-wins-fiction-prize",
        "headline": "Library assistant's debut novel wins national fiction prize",
        "standfirst": 'Eimear Costigan wrote The Salt Year in her lunch breaks over seven years. The judges called it "quietly devastating".',
        "section": "culture",
        "authors": ["marcus-oduya"],
        "tags": ["Books", "Arts"],
        "hero": "reading-room",
        "hours_ago": 700,
        "status": "published",
        "body": [
            (
                "p",
                "A library assistant from Kilbrannan has won the country's most valuable literary award with her first novel, written largely during lunch breaks in the reading room where she works.",
            ),
            (
                "p",
                "Eimear Costigan, 41, received the €25,000 National Fiction Prize last night for The Salt Year, which follows three generations of a family running a seaside guesthouse through a single, difficult summer. It was published by a small independent press and had an initial print run of 1,500 copies.",
            ),
            ("h2", '"Quietly devastating"'),
            (
                "p",
                'The chair of the judging panel, the critic Roisin Delaney, described it as "a quietly devastating book about what families choose not to say" and said the decision had been unanimous.',
            ),
            (
                "blockquote",
                '"I kept a notebook in my cardigan pocket for seven years. I never really believed anyone would read it." - Eimear Costigan',
            ),
            (
                "p",
                'Ms Costigan said she had written the first draft in longhand at a corner table in the library, typing it up at home in the evenings. She was rejected by more than thirty literary agents before submitting the manuscript directly to her publisher. Several told her the book was "too quiet" to sell.',
            ),
            (
                "p",
                "Her publisher said a reprint of 20,000 copies had been ordered within an hour of the announcement, and that translation rights had already been requested from several countries. Independent booksellers across the west reported that their copies had sold out by mid-morning, and the library in Kilbrannan has ordered twelve more for its own shelves.",
            ),
            (
                "p",
                'Asked whether she would now give up her job, Ms Costigan laughed. "Certainly not. Where else would I write the next one?"',
            ),
        ],
        "comments": [],
    },
    # 13 ----------------------------------------------------------------
    {
        "slug": "judge-warns-of-court-delays",
        "headline": "Senior judge warns delays are 'eroding confidence' in criminal courts",
        "standfirst": "The President of the Circuit Court said some serious cases now take more than three years to come to trial, and called for more judges and courtrooms.",
        "section": "courts",
        "authors": ["helen-mac-suibhne"],
        "tags": ["Justice"],
        "hero": "courthouse-columns",
        "hours_ago": 12,
        "status": "published",
        "body": [
            (
                "p",
                'The President of the Circuit Court has warned that delays in bringing criminal cases to trial are "eroding public confidence in the administration of justice", and that victims and accused people alike are being left in limbo for years.',
            ),
            (
                "p",
                "Speaking at the opening of the new legal term in Port Ardan, Judge Margaret Cullinane said the average wait for a trial in the Circuit Criminal Court had risen to 26 months, and that some complex cases were taking more than three years.",
            ),
            ("h2", "Call for more judges"),
            (
                "p",
                "Judge Cullinane said the number of judges had not kept pace with the growth in population or in the complexity of cases, many of which now involve large volumes of digital evidence. She called for at least twelve additional judicial appointments and for two courtrooms closed during recent refurbishment work to be reopened.",
            ),
            (
                "blockquote",
                '"Justice delayed is not merely a slogan. For a complainant waiting three years to give evidence, it is a daily reality." - Judge Margaret Cullinane',
            ),
            (
                "p",
                "She also raised concern about the number of accused people held in custody awaiting trial, which she said had reached the highest level in a decade.",
            ),
            (
                "p",
                'The Department of Justice said the Minister had already approved six new judicial posts this year and was considering a report on court capacity. A spokeswoman said the Government "shares the concern about delays and is committed to addressing them".',
            ),
            (
                "p",
                "The Bar Council and the Law Society both welcomed the judge's remarks and said the legal aid system was also under strain.",
            ),
        ],
        "comments": [],
    },
    # 14 ----------------------------------------------------------------
    {
        "slug": "pension-fund-fraud-trial-verdict",
        "headline": "Former pension trustee found guilty of stealing €2.4m from workers' fund",
        "standfirst": "A jury at the Central Criminal Court convicted Gerard Mulvey on eighteen counts after a six-week trial. He will be sentenced next month.",
        "section": "courts",
        "authors": ["helen-mac-suibhne"],
        "tags": ["Crime", "Justice"],
        "hero": "ledger-grid",
        "hours_ago": 100,
        "status": "published",
        "body": [
            (
                "p",
                "A former trustee of a pension scheme for warehouse workers has been found guilty of stealing €2.4 million from the fund over six years.",
            ),
            (
                "p",
                "Gerard Mulvey, 58, with an address in Rathcullen, had pleaded not guilty to eighteen counts of theft and false accounting. The jury at the Central Criminal Court returned unanimous verdicts on all counts after deliberating for just under nine hours.",
            ),
            ("h2", "Transfers disguised as fees"),
            (
                "p",
                "During the six-week trial, the prosecution told the court that Mr Mulvey had arranged for money to be paid from the scheme to a consultancy company he controlled, describing the payments in the accounts as administration and actuarial fees. No such services were provided, the prosecution said.",
            ),
            (
                "p",
                'The court heard that the scheme, which has about 900 members, discovered the losses when a new auditor queried the fees. Several former members gave evidence that their pensions had been reduced while the fund was restored. One witness, a forklift driver who retired two years ago, told the jury he had lost around €60 a week from his pension for eighteen months. "I trusted the people running it," he said. "We all did."',
            ),
            (
                "p",
                "In his evidence, Mr Mulvey said he had believed the payments were authorised by the other trustees. The prosecution said there was no record of any such authorisation.",
            ),
            (
                "p",
                'Judge Patrick Hanlon remanded Mr Mulvey in custody and adjourned sentencing until next month, when the court is expected to hear victim impact statements from scheme members. He thanked the jury for their "careful attention to a long and detailed case".',
            ),
        ],
        "comments": [],
    },
    # 15 ----------------------------------------------------------------
    {
        "slug": "emergency-department-waits-st-brigids",
        "headline": "Patients waiting up to 30 hours for a bed at St Brigid's, inspectors find",
        "standfirst": "A report from the Health Standards Authority describes an emergency department under sustained pressure, but praises staff for their care of patients.",
        "section": "news",
        "authors": ["aoife-brennan"],
        "tags": ["Health"],
        "hero": "hospital-corridor",
        "hours_ago": 500,
        "status": "published",
        "body": [
            (
                "p",
                "Patients at St Brigid's University Hospital in Port Ardan are waiting up to 30 hours on trolleys for a bed after being admitted through the emergency department, according to an inspection report published today.",
            ),
            (
                "p",
                "Inspectors from the Health Standards Authority visited the hospital unannounced over two days. They found 46 patients in the emergency department at one point, in a unit designed for 28, and said older patients were waiting longest.",
            ),
            ("h2", "Staff praised"),
            (
                "p",
                'The report praised nurses and doctors for treating patients with "kindness and dignity in very difficult conditions", and noted that basic care such as pain relief and meals was being provided. But it said privacy was often impossible, with patients examined in corridors. Inspectors also found that the department lacked a dedicated space for patients with mental health needs.',
            ),
            (
                "blockquote",
                '"The care we observed was good. The environment in which it is being delivered is not acceptable." - Health Standards Authority report',
            ),
            (
                "p",
                'The hospital\'s chief executive, Dr Imelda Foley, said the report was "a fair reflection of the pressure we are under". She said a 60-bed ward block due to open next year would help, and that the hospital was working with community services to discharge patients who no longer need acute care.',
            ),
            (
                "ul",
                [
                    "Longest wait for a bed: 30 hours",
                    "Peak number of patients in the department: 46",
                    "Patients aged over 75 waiting more than 24 hours: 11",
                ],
            ),
            (
                "p",
                "The Nurses' and Midwives' Union - which represents staff at the hospital - said it had been warning about overcrowding for years and called for more beds in nursing homes and step-down facilities.",
            ),
        ],
        "comments": [
            {
                "reader": "reader",
                "text": "My father spent a night on a trolley there in the spring. The nurses were wonderful, exactly as the report says, but it is no place for an 84-year-old.",
                "replies": [
                    {
                        "reader": "sunita_r",
                        "text": "I am sorry to hear that. I hope he is keeping well now.",
                    },
                ],
            },
            {
                "reader": "tomasz_w",
                "text": "The discharge problem is the key. Beds are full of people who are well enough to leave but have nowhere to go.",
                "replies": [],
            },
        ],
    },
    # 16 ----------------------------------------------------------------
    {
        "slug": "glenmoy-school-prefabs-replaced",
        "headline": "Glenmoy school to get new building after fifteen years in prefabs",
        "standfirst": "The Department of Education has approved a permanent extension for St Colman's National School, where two classes have been taught in temporary cabins since 2009.",
        "section": "news",
        "authors": ["fergus-doyle"],
        "tags": ["Education"],
        "hero": "school-yard",
        "hours_ago": 1500,
        "status": "published",
        "body": [
            (
                "p",
                "Pupils at St Colman's National School in Glenmoy will move out of prefabricated classrooms and into a permanent building within two years, after the Department of Education approved a four-classroom extension.",
            ),
            (
                "p",
                "The school, which has 142 pupils, installed two prefabs in 2009 as a temporary measure when enrolments rose. They have remained in use ever since, and the principal, Bernadette Nolan, said parents had grown used to buckets under leaking roofs on wet days.",
            ),
            ("h2", "A long campaign"),
            (
                "p",
                'Parents, teachers and the school\'s board of management have lobbied for a new building for more than a decade. Last year, pupils wrote letters to the Minister for Education describing what it was like to learn in the cabins, including one from a ten-year-old who noted that "the heater only works if you kick it".',
            ),
            (
                "blockquote",
                '"The children have been patient. Now they will have a classroom that does not move in the wind." - Bernadette Nolan, principal',
            ),
            (
                "p",
                "The extension will include a general-purpose hall and a room for children with additional needs. Construction is due to begin next summer, with the design intended to allow classes to continue in the existing building during the works.",
            ),
            (
                "p",
                "The department said more than 300 schools across the country are still using prefabricated accommodation, and that replacing them remains a priority under its building programme. The school's parents' association, meanwhile, plans to hold a farewell party for the prefabs once the children have moved out. \"We may even let the pupils kick the heater one last time,\" said its chairwoman, Lorraine Cusack.",
            ),
        ],
        "comments": [],
    },
    # 17 (scheduled) ----------------------------------------------------
    {
        "slug": "census-population-passes-six-million",
        "headline": "Census shows population has passed six million for the first time",
        "standfirst": "Preliminary results show growth was strongest in commuter counties, while several western districts recorded a rise in population for the first time in a century.",
        "section": "news",
        "authors": ["aoife-brennan", "fergus-doyle"],
        "tags": ["Housing", "Economy"],
        "hero": "census-chart",
        "hours_ago": -20,
        "status": "published",
        "body": [
            (
                "p",
                "The population of the country has passed six million for the first time since records began, according to preliminary results from the census published by the Central Statistics Office.",
            ),
            (
                "p",
                "The population stood at 6,042,300 on census night, an increase of 7.8 per cent in six years. Natural increase, the difference between births and deaths, accounted for a little under half of the growth, with the remainder driven by inward migration.",
            ),
            ("h2", "Commuter counties lead growth"),
            (
                "p",
                "The fastest growth was in counties within commuting distance of Port Ardan, several of which grew by more than 12 per cent. The city itself grew more slowly, which statisticians attributed in part to the cost and availability of housing.",
            ),
            ("figure", "housing-estate"),
            (
                "p",
                "In a notable shift, several districts in the west that have lost population at almost every census since the 1920s recorded modest growth. Analysts pointed to remote working and the return of emigrants as possible explanations.",
            ),
            (
                "blockquote",
                '"For a hundred years the story of the west was the story of leaving. These figures suggest that story may be changing." - Dr Colm Reddan, demographer',
            ),
            (
                "p",
                "The number of vacant dwellings fell by a fifth, the figures show, although the office counted more than 150,000 homes empty on census night. The census also recorded a sharp rise in the number of people working from home at least one day a week, and in households with three or more generations living under one roof. Full results, including detailed breakdowns by age, household type and language, will be published over the next eighteen months.",
            ),
        ],
        "comments": [],
    },
    # 18 (archived) -----------------------------------------------------
    {
        "slug": "ardan-head-lighthouse-keepers-final-watch",
        "headline": "Ardan Head lighthouse is automated as last keeper hands over the keys",
        "standfirst": "After 180 years of human watch, the light that guides ships into Port Ardan will be run remotely. Its final keeper reflects on a life on the headland.",
        "section": "news",
        "authors": ["siobhan-carty"],
        "tags": ["Heritage"],
        "hero": "lighthouse",
        "hours_ago": 6200,
        "status": "archived",
        "body": [
            (
                "p",
                "At noon yesterday, Michael Geraghty climbed the 139 steps of Ardan Head lighthouse for the last time as its keeper, signed the logbook and handed the keys to an engineer from the Lights Commission. From today, the light will be monitored from a control room eighty miles away.",
            ),
            (
                "p",
                "Mr Geraghty, 63, has lived on the headland for 31 years, and his father kept the light before him. He is the last of an unbroken line of keepers stretching back to 1843.",
            ),
            ("figure", "harbour-dawn"),
            ("h2", "Storms and silence"),
            (
                "p",
                'He remembers nights when waves broke over the lantern gallery, and a winter in the 1990s when the road was cut off for eleven days. But what he will miss most, he says, is the quiet. "People think it is lonely. It is not lonely. It is full of weather."',
            ),
            (
                "blockquote",
                '"The light does not need me any more. I am not sure yet whether I need the light." - Michael Geraghty',
            ),
            (
                "p",
                "The Lights Commission said automation would save about €200,000 a year and would not affect safety, since the lamp, fog signal and radio beacon are all monitored continuously. It plans to lease the keepers' cottages to a heritage trust, which hopes to open them to visitors. Keepers' logbooks going back to the 1840s, which record every ship, storm and wreck seen from the headland, will be transferred to the county archive, where they will be digitised and made available to the public.",
            ),
            (
                "p",
                "Mr Geraghty and his wife are moving to a house in the town, from where, he points out, the light is still visible every night.",
            ),
        ],
        "comments": [
            {
                "reader": "moira_k",
                "text": 'What a lovely piece. "It is full of weather" will stay with me.',
                "replies": [],
            },
            {
                "reader": "declan88",
                "text": "My grandfather used to deliver coal to the keepers by boat. Sad to see the end of it, though I understand the reasons.",
                "replies": [
                    {
                        "reader": "hugh_o",
                        "text": "The heritage trust is looking for old photographs for the cottages, if your family has any.",
                    },
                ],
            },
        ],
    },
    # 19 (archived) -----------------------------------------------------
    {
        "slug": "ballydrum-branch-line-to-close",
        "headline": "Ballydrum branch line to close to passengers after 140 years",
        "standfirst": "National Rail says passenger numbers do not justify the cost of repairing the line's bridges. Campaigners say the decision will cut off communities along the route.",
        "section": "business",
        "authors": ["tom-ashworth"],
        "tags": ["Transport", "Heritage"],
        "hero": "rail-viaduct",
        "hours_ago": 9600,
        "status": "archived",
        "body": [
            (
                "p",
                "The railway line between Kilbrannan and Ballydrum will close to passengers at the end of the year, National Rail has confirmed, ending 140 years of services on one of the country's most scenic routes.",
            ),
            (
                "p",
                "The company said that repairs to the line's three viaducts, including the landmark Glenmoy viaduct, would cost an estimated €48 million, and that with fewer than 300 passengers a day the investment could not be justified. The Glenmoy viaduct, built in 1884, has been subject to a speed restriction of 15mph for the past three years after engineers found cracking in two of its piers.",
            ),
            ("h2", "Replacement buses"),
            (
                "p",
                "A replacement bus service will run four times a day in each direction, calling at all the former stations. Campaigners said that was far fewer than the current eight daily trains and would make commuting to Kilbrannan impractical for many people.",
            ),
            ("figure", "country-bus"),
            (
                "blockquote",
                '"Close the railway and you close a door that will never be opened again. Nobody reopens a line once the bridges fall down." - Seán Brophy, Save the Ballydrum Line',
            ),
            (
                "p",
                "Business groups in Ballydrum said the closure would damage tourism, as the line is popular with walkers and day-trippers in summer. The county council has asked National Rail to keep the track in place so that it could be reused in future, possibly as a greenway.",
            ),
            (
                "p",
                "National Rail said it would consider the request, but that it had no plans to reopen the line. A spokesman added that the company would work with the council and community groups to find new uses for the station buildings, several of which are listed.",
            ),
        ],
        "comments": [
            {
                "reader": "hugh_o",
                "text": "Four buses a day is not a service, it is a gesture. I hope the campaign keeps going.",
                "replies": [],
            },
            {
                "reader": "tomasz_w",
                "text": "I disagree, politely. Forty-eight million for 300 passengers a day is hard to defend when hospitals need money.",
                "replies": [
                    {
                        "reader": "sunita_r",
                        "text": "Fair point, though the passenger figures might be low precisely because the timetable has been so poor.",
                    },
                ],
            },
        ],
    },
    # 20 (draft) --------------------------------------------------------
    {
        "slug": "water-supply-review-lough-cullen",
        "headline": "Minister orders review of eastern water supply as reservoir levels fall",
        "standfirst": "Lough Cullen is at its lowest level for the time of year since monitoring began, raising the prospect of hosepipe bans across the eastern region.",
        "section": "politics",
        "authors": ["siobhan-carty"],
        "tags": ["Climate", "Local Government"],
        "hero": "reservoir",
        "hours_ago": 2,
        "status": "draft",
        "body": [
            (
                "p",
                "The Minister for the Environment has ordered an urgent review of water supply in the eastern region after levels at Lough Cullen, the reservoir that serves about 1.4 million people, fell to their lowest for the time of year since monitoring began.",
            ),
            (
                "p",
                "The national water utility said the reservoir was at 61 per cent of capacity, compared with a seasonal average of 84 per cent, following the driest spring in more than fifty years.",
            ),
            ("h2", "Hosepipe ban possible"),
            (
                "p",
                "The utility said it was not yet necessary to restrict supply, but that a hosepipe ban could be introduced within weeks if there was no significant rainfall. Households have been asked to take shorter showers and avoid watering lawns. The utility said it would prioritise supply to hospitals, nursing homes and farms if restrictions became necessary, and would publish daily reservoir levels on its website.",
            ),
            (
                "blockquote",
                '"Every litre saved now is a litre we do not have to find in August." - Noel Tierney, Water Services',
            ),
            (
                "p",
                "The review will examine the timetable for a long-planned pipeline from the River Shanagh, which has been delayed by planning challenges, and will consider whether to bring forward investment in reducing leaks. The utility estimates that about a third of treated water is still lost through the network before it reaches homes.",
            ),
            (
                "p",
                'Opposition parties said the shortage was "entirely predictable" and accused successive governments of failing to invest in supply. The review is due to report within three months. Farming organisations said some members were already drawing water for livestock from private wells.',
            ),
        ],
        "comments": [],
    },
    # 21 (draft) --------------------------------------------------------
    {
        "slug": "abbeyfield-theatre-season-preview",
        "headline": "Abbeyfield Theatre bets on new writers for its autumn season",
        "standfirst": "Four of the six productions are by first-time playwrights, in what the theatre's new artistic director calls a deliberate risk.",
        "section": "culture",
        "authors": ["marcus-oduya"],
        "tags": ["Arts"],
        "hero": "theatre-curtain",
        "hours_ago": 6,
        "status": "draft",
        "body": [
            (
                "p",
                "The Abbeyfield Theatre in Port Ardan will open its autumn season with a play by a 24-year-old former care worker, one of four first-time writers whose work will be staged before Christmas.",
            ),
            (
                "p",
                "The season, the first programmed by the theatre's new artistic director, Ciara Nugent, also includes a revival of a mid-century comedy and a touring production from a company in the north. The revival, of Maura Tynan's 1952 comedy The Parlour, reunites two actors who last appeared together on the Abbeyfield stage more than twenty years ago.",
            ),
            ("h2", "A deliberate risk"),
            (
                "p",
                'Ms Nugent said she had read more than 700 unsolicited scripts in her first year and had been "startled by how much talent is out there without a door to knock on". She acknowledged that unfamiliar titles were harder to sell.',
            ),
            ("figure", "festival-stage"),
            (
                "blockquote",
                '"A theatre that only stages plays people already know is a museum. A good museum, maybe, but a museum." - Ciara Nugent',
            ),
            (
                "p",
                "The opening production, Night Shift, follows three carers working through a single night in a nursing home. Its writer, Daniel Okafor, said it drew on his own years in the job. \"I wanted to show the jokes as well as the exhaustion,\" he said. The play was developed through the theatre's writers' workshop, which meets monthly and is open to anyone who submits a first scene.",
            ),
            (
                "p",
                "To encourage audiences, the theatre is offering €10 tickets for all preview performances and free tickets for under-twenty-fives on Thursday evenings. Booking opens next week. The theatre is also reopening its small studio space, closed for two years, for rehearsed readings of new work.",
            ),
        ],
        "comments": [],
    },
    # 22 (in review) ----------------------------------------------------
    {
        "slug": "landlord-fined-fire-safety-breaches",
        "headline": "Landlord fined €18,000 over fire safety breaches at Rathcullen flats",
        "standfirst": "The District Court heard that tenants in a converted house had no working smoke alarms and that the only fire exit was blocked by stored furniture.",
        "section": "courts",
        "authors": ["helen-mac-suibhne"],
        "tags": ["Housing", "Justice"],
        "hero": "fire-station",
        "hours_ago": 4,
        "status": "in_review",
        "body": [
            (
                "p",
                "A landlord who rented out nine flats in a converted house in Rathcullen without working smoke alarms has been fined €18,000 at the District Court.",
            ),
            (
                "p",
                "Colm Fitzmaurice, 52, of Church Road, Rathcullen, pleaded guilty to six breaches of fire safety regulations following an inspection by the county fire service last year. He was also ordered to pay the council's legal costs.",
            ),
            ("h2", "Exit blocked"),
            (
                "p",
                "A fire safety officer told the court that inspectors found smoke alarms with their batteries removed, fire doors wedged open and the only rear exit blocked by stacked furniture. Twelve adults and three children were living in the building at the time. Tenants told fire officers they had reported the missing alarms to the landlord's agent on several occasions.",
            ),
            (
                "p",
                "The inspection followed a small kitchen fire in one of the flats, which was put out by a tenant before crews arrived. Nobody was injured.",
            ),
            (
                "p",
                'Counsel for Mr Fitzmaurice said his client had inherited the property and had "not appreciated the scale of his responsibilities". All the works required by the fire service had since been completed, at a cost of more than €40,000, the court heard.',
            ),
            (
                "p",
                'Judge Aileen Moran said it was "by good fortune alone" that the kitchen fire had not ended in tragedy. She said landlords had a clear duty to keep tenants safe and that ignorance of the regulations was no defence. She said she had taken into account the guilty plea, the cost of the remedial works and the defendant\'s previous good character, and allowed him six months to pay.',
            ),
        ],
        "comments": [],
    },
]

COMMENTS_POLICY_HTML = (
    "<p>Our comment sections are a place for readers to discuss the news with each other and with us. "
    "We want them to be lively, informed and welcoming, which means we ask everyone to follow a few "
    "simple rules. By posting a comment you agree to these guidelines.</p>"
    "<h2>What we welcome</h2>"
    "<ul>"
    "<li>Comments that respond to the article and add something to the conversation.</li>"
    "<li><strong>Disagreement</strong>, robust argument and criticism of our journalism, made with courtesy.</li>"
    "<li>Local knowledge, personal experience and corrections. If we have got something wrong, "
    "please tell us.</li>"
    "<li>Questions for the reporter or for other readers.</li>"
    "</ul>"
    "<h2>What we remove</h2>"
    "<p>Our moderators will remove comments that include:</p>"
    "<ul>"
    "<li><strong>Abuse</strong>: personal attacks, threats, harassment or bullying, whether aimed at "
    "other readers, our journalists or the people we write about.</li>"
    "<li><strong>Hate</strong>: content that attacks people on the basis of race, ethnicity, "
    "nationality, religion, gender, sexual orientation, disability or age.</li>"
    "<li><strong>Spam</strong>: advertising, repeated posts, or links posted only to drive traffic.</li>"
    "<li><strong>Personal information</strong>: addresses, phone numbers or other private details, "
    "whether your own or someone else's.</li>"
    "<li><strong>Misinformation</strong>: claims that are false and could cause harm, particularly "
    "about health, elections or public safety.</li>"
    "<li><strong>Off-topic posts</strong> that derail the discussion. An occasional aside is fine; "
    "a running campaign is not.</li>"
    "</ul>"
    "<p>We also close comments on some stories, including most court reports, to avoid prejudicing "
    "legal proceedings.</p>"
    "<h2>Your first comments</h2>"
    "<p>When you join, your first few comments are <em>pre-moderated</em>: a moderator reads them "
    "before they appear. Once you have shown you know the ground rules, your comments will appear "
    "straight away.</p>"
    "<h2>Reporting a comment</h2>"
    "<p>If you see a comment that breaks these guidelines, use the <strong>Report</strong> link "
    "beneath it and tell us briefly what the problem is. Our moderators review every report. "
    "The person who wrote the comment is never told who reported it. Please report rather than "
    "reply: arguing with a troll only gives them an audience.</p>"
    "<h2>Suspensions and bans</h2>"
    "<ol>"
    "<li>Most problems are dealt with by removing the comment.</li>"
    "<li>Repeated or serious breaches may lead to a temporary suspension of your commenting account.</li>"
    "<li>Threats, hate speech or persistent abuse will lead to a permanent ban.</li>"
    "</ol>"
    "<h2>Appeals</h2>"
    "<p>Moderators are human and sometimes get things wrong. If you believe a comment was removed "
    "or an account suspended in error, email "
    '<a href="mailto:community@example.com">community@example.com</a> within 14 days, quoting '
    "your username and the article. A senior editor who was not involved in the original decision "
    "will review it and reply, usually within five working days. Their decision is final.</p>"
    "<p>Thank you for helping to keep this a place worth talking in.</p>"
)

APPEAL: Record = {
    "text": (
        "Our journalism is independent, owned by no billionaire and free for everyone to read. "
        "If you value reporting that holds power to account, please consider supporting us, "
        "from as little as €2 a month."
    ),
    "button_label": "Support us",
    "link": "",  # the site's own Support us page
}
