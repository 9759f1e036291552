"""Readings that need more than one clause or more than the verb: holders of supplied weapons, makers as
senders, denials of earlier claims, stops after a transfer, and which date belongs to which clause."""
import pytest

from geokg.extract import extract_articles
from geokg.graph import Article


def _events(text: str, language: str, published: str = "2024-06-14") -> set[tuple]:
    events = extract_articles([Article(id="t", text=text, published=published, language=language)])
    return {(e.sender.id, e.recipient.id, e.weapon.category.value, e.status.value, e.date) for e in events}


@pytest.mark.parametrize("text, language, expected", [
    ("India struck the camps with French-supplied SCALP missiles.", "en", ("FRA", "IND", "missiles")),
    ("Pakistan shot down the jets with Chinese-supplied HQ-9 systems.", "en", ("CHN", "PAK", "air_defence")),
    ("Russia launched Iranian-supplied Shahed drones at Kyiv.", "en", ("IRN", "RUS", "uav")),
    ("India says its Russian-made S-400 systems intercepted the drones.", "en", ("RUS", "IND", "air_defence")),
    ("TNI AU mengoperasikan jet tempur Su-30 buatan Rusia sejak 2003.", "id", ("RUS", "IDN", "aircraft")),
    # A demonym subject is its state when what it holds came "-supplied".
    ("Russian forces fired North Korean-supplied missiles at Kharkiv.", "en", ("PRK", "RUS", "missiles")),
])
def test_a_holder_of_supplied_or_owned_weapons_received_them(text, language, expected):
    assert {e[:3] for e in _events(text, language)} == {expected}


@pytest.mark.parametrize("text, language", [
    ("Ukraine says its air defences shot down 30 Iranian-made Shahed drones overnight.", "en"),
    ("Iran's foreign minister said the United States was deploying troops to operate US missile systems in "
     "Israel.", "en"),
    ("Indonesia menembak jatuh drone buatan Iran.", "id"),
])
def test_a_maker_named_beside_a_weapon_someone_else_fights_is_no_transfer(text, language):
    assert _events(text, language) == set()


def test_a_holder_named_in_the_sentence_before_is_its_antecedent():
    text = ("Syria's government was not mentioned in the statement. "
            "Its air force has for decades relied on Russian-supplied jets and helicopters.")
    assert {e[:3] for e in _events(text, "en")} == {("RUS", "SYR", "aircraft")}


def test_a_recipient_only_clause_takes_the_maker_of_its_named_system():
    assert {e[:3] for e in _events("Poland has already taken delivery of dozens of K9 howitzers.", "en")} == {
        ("KOR", "POL", "artillery")}
    # A generic weapon gives no maker, and another clause's sender is not overridden by a guess.
    assert _events("Poland has already taken delivery of dozens of howitzers.", "en") == set()
    assert {e[:2] for e in _events("Ukraine received Leopard 2 tanks promised by Poland, Norway and others.",
                                   "en")} == {("POL", "UKR"), ("NOR", "UKR")}


def test_a_denial_in_a_later_sentence_denies_the_earlier_claims_of_its_party():
    text = ("Teheran sudah lama dituding memasok drone kepada Houthi. "
            "Iran membantah tuduhan tersebut dan menyatakan Houthi membuat sendiri persenjataannya.")
    statuses = {(e[0], e[1], e[3]) for e in _events(text, "id")}
    assert statuses == {("IRN", "houthis", "delivered"), ("IRN", "houthis", "denied")}
    # A denial about something else denies nothing.
    text = "Iran sent drones to Russia last year. Iran denied that its economy was shrinking."
    assert {e[3] for e in _events(text, "en")} == {"delivered"}


def test_a_plan_stopped_later_in_the_sentence_is_planned_and_cancelled():
    text = ("Rusia sempat berencana memasok rudal antikapal Yakhont kepada kelompok Houthi, namun rencana itu "
            "dibekukan.")
    assert {e[3] for e in _events(text, "id")} == {"planned", "cancelled"}


def test_a_pledge_stays_a_pledge_in_the_perfect_tense():
    assert {e[3] for e in _events("Germany has promised Ukraine four IRIS-T units in total.", "en")} == {"planned"}


def test_a_date_in_another_clause_dates_that_clause():
    text = "Poland has received K2 tanks from South Korea, while Romania will be sent K9 howitzers next year."
    assert _events(text, "en") == {("KOR", "POL", "armoured_vehicles", "delivered", "2024-06-14"),
                                   ("KOR", "ROU", "artillery", "planned", "2025")}
    text = "Iran sent drones to the Houthis, who since November have attacked ships in the Red Sea."
    assert {e[4] for e in _events(text, "en")} == {"2024-06-14"}


def test_a_sentence_detailing_a_dated_transfer_takes_its_date():
    text = ("Amerika Serikat akan mengirim sistem roket ke Ukraina, kata pejabat AS, Rabu (1/6). "
            "Paket bantuan AS untuk Ukraina tersebut mencakup amunisi dan radar.")
    dates = {e[2]: e[4] for e in _events(text, "id", "2022-06-02")}
    assert dates == {"artillery": "2022-06-01", "ammunition": "2022-06-01", "sensors": "2022-06-01"}


@pytest.mark.parametrize("text, language", [
    ("Taiwan memesan 108 tank Abrams dari AS pada November 2024. Pada bulan yang sama, Washington menyetujui "
     "penjualan radar kepada Taiwan.", "id"),
    ("Taiwan ordered 108 Abrams tanks from the US in November 2024. The same month, Washington approves the sale "
     "of radars to Taiwan.", "en"),
])
def test_the_same_month_is_the_month_the_article_just_named(text, language):
    assert {e[2]: e[4] for e in _events(text, language, "2024-12-17")} == {
        "armoured_vehicles": "2024-11", "sensors": "2024-11"}


@pytest.mark.parametrize("text, language, expected", [
    ("Poland bought K2 tanks and K9 howitzers from South Korea, and HIMARS launchers from the United States.", "en",
     {("KOR", "POL", "armoured_vehicles"), ("KOR", "POL", "artillery"), ("USA", "POL", "artillery")}),
    ("Polandia membeli tank K2 dari Korea Selatan serta helikopter Apache dari Amerika Serikat.", "id",
     {("KOR", "POL", "armoured_vehicles"), ("USA", "POL", "aircraft")}),
])
def test_each_group_of_weapons_comes_from_the_source_that_follows_it(text, language, expected):
    assert {e[:3] for e in _events(text, language)} == expected


def test_sources_joined_after_one_theme_are_all_senders():
    events = _events("Serbia received MiG-29 jets from Russia in 2017 and from Belarus in 2019.", "en")
    assert {e[:3] for e in events} == {("RUS", "SRB", "aircraft"), ("BLR", "SRB", "aircraft")}


def test_a_denial_is_not_dated_by_the_claim_before_it():
    text = ("Amnesty said on Thursday that the UAE had supplied guided bombs to the RSF in Sudan. "
            "The UAE has repeatedly denied sending weapons to the RSF.")
    denied = {e for e in _events(text, "en", published="2025-05-09") if e[3] == "denied"}
    assert denied == {("ARE", "rsf", "military_equipment", "denied", "2025-05-09")}


@pytest.mark.parametrize("text, language", [
    ("The Netherlands said it had finished delivering all 24 F-16s it promised to Ukraine.", "en"),
    ("Belanda telah menyelesaikan pengiriman 24 jet F-16 yang dijanjikan kepada Ukraina.", "id"),
])
def test_a_relative_clause_shares_its_head_and_its_parties_with_the_clause_around_it(text, language):
    assert {e[:4] for e in _events(text, language)} == {("NLD", "UKR", "aircraft", "delivered"),
                                                        ("NLD", "UKR", "aircraft", "planned")}


@pytest.mark.parametrize("text, language", [
    ("Egypt is in talks with China over the purchase of J-10C fighter jets.", "en"),
    ("Mesir tengah bernegosiasi dengan China untuk pembelian jet tempur J-10C.", "id"),
])
def test_a_purchase_under_negotiation_is_planned(text, language):
    assert {e[:4] for e in _events(text, language)} == {("CHN", "EGY", "aircraft", "planned")}


@pytest.mark.parametrize("text, language", [
    ("Myanmar's military has imported at least $1 billion worth of weapons since the coup, a UN expert said. "
     "Russian entities supplied Su-30 fighter jets and Chinese companies supplied K-8 jets.", "en"),
    ("Militer Myanmar telah mengimpor senjata senilai 1 miliar dolar sejak kudeta, kata pakar PBB. "
     "Perusahaan Rusia memasok jet tempur Su-30, sedangkan perusahaan China memasok jet K-8.", "id"),
])
def test_a_sender_with_no_recipient_takes_the_receiver_the_story_named_first(text, language):
    assert {e[:3] for e in _events(text, language)} == {("RUS", "MMR", "aircraft"), ("CHN", "MMR", "aircraft")}


def test_a_statement_date_passes_to_the_same_speaker_and_to_every_clause():
    text = ("The White House said on Thursday that North Korea had provided Russia with ballistic missiles. "
            "He also said Moscow was seeking to acquire missiles from Iran, while China supplied it with drones. "
            "Iran said on Friday it had never sent missiles to Russia.")
    dated = {(e[0], e[3]): e[4] for e in _events(text, "en", published="2024-01-06")}
    assert dated == {("PRK", "delivered"): "2024-01-04", ("IRN", "requested"): "2024-01-04",
                     ("CHN", "delivered"): "2024-01-04", ("IRN", "denied"): "2024-01-05"}


@pytest.mark.parametrize("text, language", [
    ("Poland has already received 14 of the 180 K2 tanks ordered from South Korea in 2022.", "en"),
    ("Polandia telah menerima 14 dari 180 tank K2 yang dipesan dari Korea Selatan pada 2022.", "id"),
])
def test_a_dated_participle_after_the_theme_is_a_claim_of_its_own(text, language):
    assert {e[3:] for e in _events(text, language)} == {("delivered", "2024-06-14"), ("planned", "2022")}


def test_a_date_after_the_participle_clause_is_not_the_participles():
    text = ("New Delhi telah menerima tiga dari lima skuadron S-400 yang dipesan dari Moskow; skuadron pertama tiba "
            "pada Desember 2021.")
    assert {e[3:] for e in _events(text, "id")} == {("delivered", "2021-12")}


@pytest.mark.parametrize("text, language", [
    ("Indonesia dan Prancis meneken nota kesepahaman untuk pengadaan dua kapal selam Scorpene.", "id"),
    ("Indonesia and France signed a memorandum of understanding for two Scorpene submarines.", "en"),
])
def test_of_two_parties_named_together_the_maker_is_the_seller(text, language):
    assert {e[:4] for e in _events(text, language)} == {("FRA", "IDN", "ships", "planned")}


@pytest.mark.parametrize("text, language, expected", [
    ("Australia selected Hanwha's Redback infantry fighting vehicle for its army.", "en",
     {("KOR", "AUS", "armoured_vehicles", "planned")}),
    ("Korea Selatan memilih pesawat angkut C-390 buatan Embraer, Brasil.", "id",
     {("BRA", "KOR", "aircraft", "planned")}),
    ("The army selected targets for the Storm Shadow missiles.", "en", set()),
])
def test_a_state_selecting_a_system_plans_to_buy_it(text, language, expected):
    assert {e[:4] for e in _events(text, language)} == expected


@pytest.mark.parametrize("text, language, expected", [
    ("Tehran has supplied Russia with Shahed-136 drones since 2022 and handed over the know-how for a factory.",
     "en", {("IRN", "RUS", "uav"), ("IRN", "RUS", "technology")}),
    ("Iran memasok drone Shahed kepada Rusia dan menyerahkan teknologi militer.", "id",
     {("IRN", "RUS", "uav"), ("IRN", "RUS", "technology")}),
    ("Germany sent Leopard tanks to Ukraine and delivered IRIS-T systems to Poland.", "en",
     {("DEU", "UKR", "armoured_vehicles"), ("DEU", "POL", "air_defence")}),
])
def test_a_second_verb_joined_to_the_first_keeps_its_parties(text, language, expected):
    assert {e[:3] for e in _events(text, language)} == expected


def test_an_actor_inside_a_closed_relative_clause_is_not_the_subject():
    text = ("Armenia has been buying weapons abroad since 2020. India, which has become Armenia's largest arms "
            "supplier since 2020, has already shipped Pinaka rocket launchers.")
    assert {e[:2] for e in _events(text, "en")} == {("IND", "ARM")}


def test_generic_words_beside_named_systems_leave_the_maker_as_sender():
    text = "Tallinn has also ordered ATACMS missiles and GMLRS guided rockets for the launchers."
    assert {e[:3] for e in _events(text, "en")} == {("USA", "EST", "missiles"), ("USA", "EST", "artillery")}


@pytest.mark.parametrize("text, language", [
    ("Jerman telah menyerahkan sistem Patriot ketiga kepada Ukraina. Pengiriman itu disertai 10 tank Leopard 1A5.",
     "id"),
    ("Germany has handed a third Patriot system to Ukraine. This shipment also includes 10 Leopard 1A5 tanks.", "en"),
])
def test_a_transfer_noun_that_points_back_is_the_last_transfer_told(text, language):
    assert {e[:3] for e in _events(text, language)} == {("DEU", "UKR", "air_defence"),
                                                        ("DEU", "UKR", "armoured_vehicles")}


def test_a_relative_clause_set_off_by_commas_keeps_its_date():
    text = ("Armenia has been buying weapons abroad. India, which has become Armenia's largest arms supplier since "
            "2020, has already shipped Pinaka rocket launchers.")
    assert {e[4] for e in _events(text, "en")} == {"2024-06-14"}


@pytest.mark.parametrize("text, language, expected", [
    ("Ukraine received more IRIS-T systems from Germany. Washington announced a $200 million package on "
     "Wednesday that includes interceptors for Patriot systems.", "en", ("USA", "UKR", "air_defence")),
    ("Ukraina menerima sistem IRIS-T dari Jerman. Washington mengumumkan paket bantuan senilai 200 juta dolar "
     "yang mencakup rudal pencegat Patriot.", "id", ("USA", "UKR", "air_defence")),
])
def test_an_announced_package_is_the_announcers(text, language, expected):
    assert expected in {e[:3] for e in _events(text, language)}


def test_a_noun_after_a_speech_verb_is_not_the_speakers():
    text = ("Britain has sent Storm Shadow missiles to Ukraine. Kremlin spokesman Dmitry Peskov said the delivery of "
            "the missiles would draw a response from the Russian military.")
    assert {e[:2] for e in _events(text, "en")} == {("GBR", "UKR")}


def test_a_contract_before_the_relative_clause_of_a_sale_does_not_make_it_planned():
    text = ("Seoul sees the contract as proof that its arms industry, which has already sold K9 howitzers to "
            "Poland and Norway, can compete.")
    assert {e[3] for e in _events(text, "en")} == {"delivered"}


@pytest.mark.parametrize("text, language, expected", [
    ("A shipment of North Korean artillery shells arrived in Russia last month.", "en",
     {("PRK", "RUS", "ammunition")}),
    ("Pembelian tank K2 oleh Polandia dari Korea Selatan rampung tahun lalu.", "id",
     {("KOR", "POL", "armoured_vehicles")}),
])
def test_a_transfer_noun_takes_the_parties_its_verb_or_by_phrase_marks(text, language, expected):
    assert {e[:3] for e in _events(text, language)} == expected


@pytest.mark.parametrize("text, language", [
    ("Estonia took delivery of HIMARS launchers. Latvia and Lithuania have ordered the same system.", "en"),
    ("Estonia menerima peluncur HIMARS. Latvia dan Lituania telah memesan sistem yang sama.", "id"),
])
def test_the_same_system_is_the_last_system_named(text, language):
    assert {e[:3] for e in _events(text, language)} == {("USA", "EST", "artillery"), ("USA", "LVA", "artillery"),
                                                        ("USA", "LTU", "artillery")}


def test_a_relative_clause_starts_its_own_status_window():
    text = ("Ukraine received its first F-16s from Denmark. The jets will fill a gap left by its fleet of MiG-29s, "
            "which was topped up this spring by 13 MiG-29s transferred by Slovakia.")
    assert ("SVK", "UKR", "aircraft", "delivered") in {e[:4] for e in _events(text, "en")}


@pytest.mark.parametrize("text, language", [
    ("Egypt became the first foreign buyer of the Rafale in 2015.", "en"),
    ("Mesir menjadi pembeli pertama Rafale pada 2015.", "id"),
])
def test_a_state_that_became_a_buyer_received(text, language):
    assert {e[:3] for e in _events(text, language)} == {("FRA", "EGY", "aircraft")}


def test_a_buyer_is_never_read_as_the_seller():
    text = "Pakistan has become the first export customer for China's J-35 stealth fighter."
    assert ("PAK", "CHN") not in {e[:2] for e in _events(text, "en")}


def test_a_bare_year_never_dates_a_statement():
    text = ("Laporan panel PBB yang dirilis Rabu (9/10/2024) menyebut Houthi memasok drone kepada Al-Shabaab. "
            "Panel itu menyebut kedua kelompok bertemu dua kali tahun ini. "
            "Laporan yang sama menyebut Iran terus mengirim komponen rudal kepada Houthi.")
    dated = {e[:2]: e[4] for e in _events(text, "id", published="2024-10-10")}
    assert dated[("IRN", "houthis")] == "2024-10-09"


@pytest.mark.parametrize("text, language", [
    ("Presiden Zelensky meminta Jerman mengirim rudal jelajah Taurus saat berkunjung ke Berlin, Senin (27/5).",
     "id"),
    ("Zelensky asked Germany to send Taurus cruise missiles during his visit to Berlin on Monday.", "en"),
])
def test_a_place_the_sender_visits_is_not_the_recipient(text, language):
    assert {e[:4] for e in _events(text, language, published="2024-06-01")} == {
        ("DEU", "UKR", "missiles", "requested")}


def test_made_by_names_the_origin():
    text = "Spain withdrew from a deal for Spike LR2 anti-tank missiles made by Rafael."
    assert {e[:4] for e in _events(text, "en")} == {("ISR", "ESP", "missiles", "cancelled")}


@pytest.mark.parametrize("text, language", [
    ("Peru signed a contract for Exocet MM40 missiles from MBDA. The missile is already in service with the "
     "navies of Chile, Colombia and Brazil.", "en"),
    ("Peru meneken kontrak pembelian rudal Exocet MM40 dari MBDA. Rudal itu sudah digunakan oleh angkatan laut "
     "Chili, Kolombia dan Brasil.", "id"),
])
def test_holders_a_system_is_in_service_with_got_it_from_its_maker(text, language):
    delivered = {e[:3] for e in _events(text, language) if e[3] == "delivered"}
    assert delivered == {("FRA", "CHL", "missiles"), ("FRA", "COL", "missiles"), ("FRA", "BRA", "missiles")}


def test_a_system_its_maker_uses_is_no_transfer():
    assert _events("The Exocet missile is in service with the French Navy and is used by France.", "en") == set()


@pytest.mark.parametrize("text", [
    "Ukraine received NASAMS from Norway. Moscow has warned that Western weapons deliveries only prolong the war.",
    "Ukraine received NASAMS from Norway. British officials have long opposed the supply of modern weapons to "
    "Argentina.",
])
def test_a_warning_or_an_opposition_is_no_transfer(text):
    assert {e[:2] for e in _events(text, "en")} == {("NOR", "UKR")}


def test_a_clause_joined_after_a_dated_one_does_not_take_its_date():
    text = ("Ukraine has received more air defence systems this year. Germany delivered a third Patriot system in "
            "August, and the Netherlands and Spain have each sent launchers.")
    dated = {e[0]: e[4] for e in _events(text, "en", published="2024-12-28") if e[0] != "USA"}
    assert dated == {"DEU": "2024-08", "NLD": "2024-12-28", "ESP": "2024-12-28"}


def test_a_sender_of_troops_to_one_side_gives_its_weapons_there_too():
    text = ("North Korea has sent more than 10,000 troops to Russia, and Pyongyang has also supplied artillery shells "
            "and ballistic missiles, according to South Korean intelligence.")
    assert {e[:2] for e in _events(text, "en")} == {("PRK", "RUS")}


def test_an_origin_before_used_by_names_the_maker():
    text = "Iranian drones have been used by Russia against Ukrainian cities since last autumn."
    assert {e[:3] for e in _events(text, "en")} == {("IRN", "RUS", "uav")}


@pytest.mark.parametrize("text, language", [
    ("Indonesia received two C-130J Super Hercules from the United States on Wednesday. Three more are due to "
     "arrive next year, along with two more C-130J aircraft.", "en"),
    ("Indonesia menerima dua pesawat C-130J Super Hercules dari Amerika Serikat, Rabu (29/5). Tiga pesawat lainnya "
     "dijadwalkan tiba tahun depan.", "id"),
])
def test_weapons_due_to_arrive_with_no_party_named_are_the_storys_pair(text, language):
    assert ("USA", "IDN", "aircraft", "planned", "2025") in _events(text, language, published="2024-06-01")


@pytest.mark.parametrize("text, language", [
    ("Iran may send more drones to Russia, officials said.", "en"),
    ("Iran kemungkinan akan mengirim lebih banyak drone ke Rusia, kata pejabat AS.", "id"),
])
def test_what_a_state_may_send_is_planned_and_undated(text, language):
    assert _events(text, language) == {("IRN", "RUS", "uav", "planned", "2024-06-14")}


@pytest.mark.parametrize("text, language", [
    ("The US has not yet decided whether to send ATACMS to Ukraine.", "en"),
    ("AS belum memutuskan apakah akan mengirim ATACMS ke Ukraina.", "id"),
])
def test_an_undecided_transfer_is_planned_not_denied(text, language):
    assert {e[3] for e in _events(text, language)} == {"planned"}


@pytest.mark.parametrize("text, language, expected", [
    ("Rheinmetall has received an order from Ukraine for Skyranger air defence systems.", "en",
     ("DEU", "UKR", "air_defence", "planned")),
    ("Saab won a contract from the Czech Republic for Carl-Gustaf recoilless rifles.", "en",
     ("SWE", "CZE", "small_arms", "planned")),
    ("Hanwha Aerospace menerima pesanan dari Polandia untuk 152 howitzer K9.", "id",
     ("KOR", "POL", "artillery", "planned")),
    ("Romania signed a $1 billion deal with Hanwha Aerospace for 54 K9 howitzers.", "en",
     ("KOR", "ROU", "artillery", "planned")),
])
def test_a_seller_that_won_an_order_sells_to_the_buyer(text, language, expected):
    assert {e[:4] for e in _events(text, language)} == {expected}


@pytest.mark.parametrize("text, language", [
    ("Israel received a warning from Iran after missiles were fired at Tel Aviv.", "en"),
    ("Israel menerima peringatan dari Iran setelah rudal ditembakkan ke Tel Aviv.", "id"),
])
def test_weapons_in_a_clause_after_the_trigger_were_not_received(text, language):
    assert _events(text, language) == set()


@pytest.mark.parametrize("text, language", [
    ("Ukraina mengajukan permintaan resmi kepada Jerman untuk rudal Taurus.", "id"),
    ("Ukraine sent a formal request to Germany for Taurus missiles.", "en"),
])
def test_a_request_to_a_state_asks_that_state(text, language):
    assert {e[:4] for e in _events(text, language)} == {("DEU", "UKR", "missiles", "requested")}


def test_a_request_from_a_state_is_that_states():
    text = "Washington is weighing a request from Taipei for more HIMARS."
    assert {e[:4] for e in _events(text, "en")} == {("USA", "TWN", "artillery", "requested")}


@pytest.mark.parametrize("text, language", [
    ("Analysts said the United Arab Emirates was unlikely to buy Russian aircraft because of US sanctions.", "en"),
    ("Pengamat menilai kecil kemungkinan Uni Emirat Arab membeli pesawat Rusia karena sanksi AS.", "id"),
])
def test_a_purchase_judged_unlikely_is_no_transfer(text, language):
    assert _events(text, language) == set()


@pytest.mark.parametrize("text, language", [
    ("Korea Selatan memilih pesawat angkut C-390 pada akhir tahun lalu, mengalahkan Airbus A400M.", "id"),
    ("South Korea selected the C-390 transport aircraft late last year, beating the Airbus A400M.", "en"),
])
def test_a_rival_the_chosen_system_beat_is_not_bought(text, language):
    assert {e[:4] for e in _events(text, language)} == {("BRA", "KOR", "aircraft", "planned")}


def test_systems_used_by_a_holder_each_came_from_its_maker():
    text = ("Drone Bayraktar TB2 dari Turki serta drone kamikaze Harop dari Israel dipakai Baku dalam perang 2020.")
    assert {e[:3] for e in _events(text, "id")} == {("TUR", "AZE", "uav"), ("ISR", "AZE", "uav")}


@pytest.mark.parametrize("text, language", [
    ("Denmark, the Netherlands and Norway have sent F-16 jets to Ukraine. The three countries, together with "
     "Belgium, have promised to deliver more than 80 F-16s.", "en"),
    ("Denmark, Belanda dan Norwegia telah mengirim jet F-16 ke Ukraina. Ketiga negara itu, bersama Belgia, berjanji "
     "menyerahkan lebih dari 80 unit F-16.", "id"),
])
def test_the_three_countries_are_the_three_the_story_named(text, language):
    planned = {e[0] for e in _events(text, language) if e[3] == "planned"}
    assert planned == {"DNK", "NLD", "NOR", "BEL"}


@pytest.mark.parametrize("text, language", [
    ("Denmark has promised to deliver more F-16 jets to Ukraine.", "en"),
    ("Denmark berjanji menyerahkan lebih banyak jet F-16 kepada Ukraina.", "id"),
])
def test_a_verb_with_no_theme_lends_its_status_to_the_next(text, language):
    assert {e[:4] for e in _events(text, language)} == {("DNK", "UKR", "aircraft", "planned")}


def test_holders_in_the_background_do_not_change_whom_the_story_is_about():
    text = ("Peru signed a contract for Exocet missiles from France. The missile is already in service with the "
            "navies of Chile and Brazil. An earlier plan to buy Israeli Gabriel V missiles was shelved in 2022.")
    assert ("ISR", "PER", "missiles", "cancelled") in {e[:4] for e in _events(text, "en")}


@pytest.mark.parametrize("text, language, expected", [
    ("The Netherlands is also supplying Ukraine with F-16 ammunition.", "en", "ammunition"),
    ("Belanda juga memasok amunisi F-16 untuk Ukraina.", "id", "ammunition"),
    ("Germany sent Patriot missiles to Ukraine.", "en", "air_defence"),
])
def test_rounds_for_a_named_system_are_ammunition_but_its_missiles_are_the_system(text, language, expected):
    assert {e[2] for e in _events(text, language)} == {expected}


def test_a_sale_cleared_by_the_seller_is_planned():
    assert {e[3] for e in _events("The State Department cleared the sale of 66 F-16 jets to Taiwan.", "en")} == {
        "planned"}


@pytest.mark.parametrize("text, language, expected", [
    ("Germany sent ammunition for the Leopard tanks to Ukraine.", "en", {"ammunition"}),
    ("Peru plans to buy Israeli Gabriel V missiles for its frigates.", "en", {"missiles"}),
    ("Jerman mengirim amunisi untuk tank Leopard ke Ukraina.", "id", {"ammunition"}),
    ("Spanyol mengirim sejumlah rudal untuk sistem Patriot ke Ukraina.", "id", {"air_defence"}),
])
def test_a_weapon_named_as_what_another_is_for_did_not_move(text, language, expected):
    assert {e[2] for e in _events(text, language)} == expected


def test_the_actor_by_an_infinitive_buys_and_the_verb_before_it_sets_the_status():
    events = _events("Britain blocked an earlier attempt by Argentina to buy Swedish Gripen jets.", "en")
    assert {(e[0], e[1], e[3]) for e in events} == {("SWE", "ARG", "cancelled")}


@pytest.mark.parametrize("text, language", [
    ("Taiwan's first batch of M1A2T Abrams tanks arrived on Monday.", "en"),
    ("Taiwan's first Abrams tanks were delivered on Monday.", "en"),
    ("Gelombang pertama tank M1A2T Abrams milik Taiwan tiba pada Senin.", "id"),
])
def test_weapons_that_arrive_reach_their_possessor_from_their_maker(text, language):
    assert {(e[0], e[1], e[3]) for e in _events(text, language)} == {("USA", "TWN", "delivered")}


@pytest.mark.parametrize("text, language", [
    ("The 42 Rafale fighters Indonesia ordered from France landed on Monday.", "en"),
    ("The jets Indonesia ordered from France landed on Monday.", "en"),
])
def test_a_relative_clause_without_a_pronoun_takes_its_head_as_theme(text, language):
    assert {(e[0], e[1], e[2], e[3]) for e in _events(text, language)} == {("FRA", "IDN", "aircraft", "planned")}


@pytest.mark.parametrize("text", [
    "Washington, for its part, has approved 31 M1 Abrams for Ukraine.",
    "Forty M1 Abrams tanks for Ukraine were approved by Washington in January.",
    "The sale of 31 M1 Abrams tanks to Ukraine was approved by the US Congress in January.",
])
def test_what_a_state_approved_for_another_is_planned(text):
    assert {(e[0], e[1], e[3]) for e in _events(text, "en")} == {("USA", "UKR", "planned")}


@pytest.mark.parametrize("text, language, expected", [
    ("Pyongyang has dismissed as absurd reports that it supplied Moscow with artillery shells.", "en", "denied"),
    ("Seoul has no plans to send lethal weapons to Kyiv, a presidential official said.", "en", "denied"),
    ("Turkey has proposed supplying Bayraktar drones to Poland.", "en", "offered"),
    ("The Netherlands stopped exporting F-35 parts to Israel after a court ruling.", "en", "cancelled"),
    ("Turki mengusulkan pengiriman drone Bayraktar ke Polandia.", "id", "offered"),
    ("Beijing menolak tuduhan bahwa pihaknya memberikan bantuan mematikan kepada Moskow.", "id", "denied"),
])
def test_dismissals_plans_refused_proposals_and_stops_set_the_status(text, language, expected):
    assert {e[3] for e in _events(text, language)} == {expected}


def test_a_date_before_a_comma_and_conjunction_dates_the_clause_before_it():
    events = _events("It comes on top of the 14 Leopard 2A6 tanks Germany pledged to Ukraine on January 25, and of the "
                     "Leopard 2s promised by Poland.", "en", published="2023-02-08")
    assert {(e[0], e[4]) for e in events} == {("DEU", "2023-01-25"), ("POL", "2023-02-08")}


@pytest.mark.parametrize("text, language", [
    ("Moskow akan menyerahkan teknologi militer sensitif kepada Pyongyang, termasuk teknologi satelit dan kapal "
     "selam bertenaga nuklir.", "id"),
    ("Moscow will give Pyongyang sensitive military technology, including for satellites and nuclear-powered "
     "submarines.", "en"),
])
def test_what_a_technology_list_names_is_what_the_know_how_is_for(text, language):
    assert {e[2] for e in _events(text, language)} == {"technology"}


@pytest.mark.parametrize("text, language", [
    ("Vietnam bought Gepard-class frigates from Russia.", "en"),
    ("Vietnam mendatangkan fregat kelas Gepard dari Rusia.", "id"),
])
def test_a_name_used_as_a_class_takes_the_category_of_its_weapon_word(text, language):
    assert {e[2] for e in _events(text, language)} == {"ships"}


@pytest.mark.parametrize("text, language, expected", [
    ("Jerman mengirim tank Leopard ke Ukraina pada Kamis pekan lalu.", "id", "2024-06-06"),
    ("Germany delivered Leopard tanks to Ukraine on Thursday last week.", "en", "2024-06-06"),
    ("Germany will deliver Leopard tanks to Ukraine by the end of the year.", "en", "2024"),
    ("Jerman akan mengirim tank Leopard ke Ukraina sebelum akhir tahun.", "id", "2024"),
    ("Jerman mengirim tank Leopard ke Ukraina akhir tahun lalu.", "id", "2023"),
])
def test_a_weekday_last_week_and_the_end_of_the_year_resolve(text, language, expected):
    assert {e[4] for e in _events(text, language, published="2024-06-14")} == {expected}


@pytest.mark.parametrize("text, expected", [
    ("The Kremlin denied that North Korea had supplied it with artillery shells.", ("PRK", "RUS", "denied")),
    ("Russia has been short of drones. Iran has supplied it with hundreds of Shahed drones.",
     ("IRN", "RUS", "delivered")),
])
def test_an_object_pronoun_after_the_verb_is_the_actor_named_before(text, expected):
    assert {(e[0], e[1], e[3]) for e in _events(text, "en")} == {expected}


@pytest.mark.parametrize("text, language", [
    ("Iran supplies drones to Russia and missiles to the Houthis.", "en"),
    ("Iran memasok drone ke Rusia dan rudal ke Houthi.", "id"),
])
def test_each_group_of_weapons_goes_to_the_recipient_after_it(text, language):
    assert {e[:3] for e in _events(text, language)} == {("IRN", "RUS", "uav"), ("IRN", "houthis", "missiles")}


@pytest.mark.parametrize("text, language", [
    ("Poland sent MiG-29s to Ukraine, and Slovakia followed with 13 of its own jets in April.", "en"),
    ("Polandia mengirim MiG-29 ke Ukraina, dan Slovakia menyusul dengan 13 jetnya pada April.", "id"),
])
def test_an_actor_after_a_comma_and_opens_a_new_clause_not_a_list(text, language):
    assert {e[:2] for e in _events(text, language)} == {("POL", "UKR")}


def test_weapons_after_comma_and_before_a_passive_are_that_clauses_theme():
    text = ("The frigate BRP Jose Rizal was delivered by Hyundai Heavy Industries to the Philippines in 2020, and a "
            "second batch of BrahMos missile systems arrived from India in April.")
    assert {e[:3] for e in _events(text, "en")} == {("KOR", "PHL", "ships"), ("IND", "PHL", "missiles")}
    text = "Egypt ordered 30 more Rafale jets from France in May 2021, and two FREMM frigates were bought from Italy."
    assert ("FRA", "EGY", "ships") not in {e[:3] for e in _events(text, "en")}


@pytest.mark.parametrize("text, language", [
    ("Beijing condemned the tank deliveries to Taiwan and said Washington was playing with fire.", "en"),
    ("Denmark pledged two F-16 jets and a frigate to the mission over Poland.", "en"),
    ("The US Army's Typhon launcher was flown to Australia for the exercise.", "en"),
    ("TNI AU mengirim empat F-16 ke Australia untuk latihan Pitch Black.", "id"),
])
def test_reactions_missions_and_exercises_are_no_transfer_of_the_actor_named(text, language):
    events = {e[:2] for e in _events(text, language)}
    assert not events & {("CHN", "TWN"), ("DNK", "POL"), ("USA", "AUS"), ("IDN", "AUS")}


@pytest.mark.parametrize("text, language", [
    ("Dalam surat kepada Presiden Rusia Vladimir Putin, Venezuela meminta rudal dan radar.", "id"),
    ("In a letter to President Vladimir Putin, Venezuela asked for missiles and radars.", "en"),
])
def test_a_request_addressed_before_its_subject_asks_the_addressee(text, language):
    assert {(e[0], e[1], e[3]) for e in _events(text, language)} == {("RUS", "VEN", "requested")}


def test_border_deployments_are_no_transfer():
    assert _events("The president ordered troops, Sukhoi jets and armoured vehicles to the border with Guyana.",
                   "en") == set()


@pytest.mark.parametrize("text, language", [
    ("Baykar completed its acquisition of Italian aircraft maker Piaggio Aerospace.", "en"),
    ("Baykar juga menuntaskan akuisisi produsen pesawat Italia, Piaggio Aerospace.", "id"),
])
def test_buying_a_weapons_maker_is_no_transfer_of_weapons(text, language):
    assert _events(text, language) == set()


def test_a_sender_without_a_recipient_sends_where_the_whole_story_says_it_sends():
    text = ("TAIPEI — The delivery of a second batch of 42 M1A2T Abrams tanks from the United States was completed "
            "on Monday. Taiwan received its first Abrams tanks from the United States in December.")
    # The delivery completed on Monday is read: its day is more precise than December's month.
    assert {(e[0], e[1], e[4]) for e in _events(text, "en")} == {("USA", "TWN", "2024-06-10")}


@pytest.mark.parametrize("text, language", [
    ("Iran sent drones to Russia in exchange for Su-35 jets.", "en"),
    ("Iran mengirim drone ke Rusia sebagai imbalan atas jet tempur Su-35.", "id"),
])
def test_what_a_transfer_is_in_exchange_for_did_not_move_with_it(text, language):
    assert {e[:3] for e in _events(text, language)} == {("IRN", "RUS", "uav")}



@pytest.mark.parametrize("text, language, expected", [
    ("Radar buatan Thales itu diangkut dengan pesawat kargo ke Indonesia.", "id", {"sensors"}),
    ("Ukraina dipasok dengan tank Leopard oleh Jerman.", "id", {"armoured_vehicles"}),
    ("Ukraine was supplied with Leopard tanks by Germany.", "en", {"armoured_vehicles"}),
])
def test_what_comes_with_a_passive_theme_is_the_means_not_a_second_theme(text, language, expected):
    assert {e[2] for e in _events(text, language)} == expected


def test_a_short_form_given_in_brackets_names_the_actor_again():
    text = ("Kelompok Tentara Arakan (AA) disebut mendapatkan senapan serbu dari Tentara Negara Bagian Wa Bersatu. "
            "China membantah tudingan bahwa Beijing memasok senjata kepada AA.")
    assert ("CHN", "arakan-army", "military_equipment", "denied") in {e[:4] for e in _events(text, "id")}


@pytest.mark.parametrize("text, language, expected", [
    ("Malaysia membeli 33 jet tempur F/A-18 Hornet bekas milik Angkatan Udara Kuwait.", "id",
     ("KWT", "MYS", "delivered")),
    ("Malaysia mengajukan permintaan kepada Kuwait untuk membeli 33 jet tempur F/A-18 Hornet bekas milik Angkatan "
     "Udara Kuwait.", "id", ("KWT", "MYS", "requested")),
    ("Malaysia wants to buy Kuwait's used F/A-18 Hornet jets.", "en", ("KWT", "MYS", "requested")),
])
def test_a_buyer_buys_used_weapons_from_their_owner(text, language, expected):
    assert {(e[0], e[1], e[3]) for e in _events(text, language)} == {expected}


def test_a_named_systems_last_word_stands_for_it_once_the_article_named_it():
    text = ("Turkey signed a deal to buy 20 Eurofighter Typhoon jets from the United Kingdom. "
            "Turkey is also buying 12 used Typhoons from Qatar and Oman.")
    assert {e[:2] for e in _events(text, "en")} == {("GBR", "TUR"), ("QAT", "TUR"), ("OMN", "TUR")}
    # Without the full name first, typhoons are weather.
    assert _events("Three typhoons hit Taiwan, and Japan sent aid to Taiwan.", "en") == set()



def test_while_opens_a_clause_with_its_own_theme_and_parties():
    text = ("Filipina membeli kapal Landing Dock dari Indonesia. Dua fregat sudah diterima dari Hyundai Heavy "
            "Industries, Korea Selatan, sementara sembilan kapal patroli cepat didatangkan dari Israel Shipyards.")
    assert {e[:2] for e in _events(text, "id")} == {("IDN", "PHL"), ("KOR", "PHL"), ("ISR", "PHL")}


@pytest.mark.parametrize("text, language", [
    ("Pengiriman 24 helikopter Black Hawk dari Amerika Serikat untuk TNI AU dijadwalkan rampung pada 2026.", "id"),
    ("The delivery of 24 Black Hawk helicopters from the United States to Indonesia is scheduled to be completed "
     "in 2026.", "en"),
])
def test_a_scheduled_delivery_is_planned(text, language):
    assert {(e[3], e[4]) for e in _events(text, language)} == {("planned", "2026")}


@pytest.mark.parametrize("text, expected", [
    ("Algeria has signed for 14 Su-57 fighters with Moscow.", ("RUS", "DZA", "planned")),
    ("The Philippines took possession of its first BrahMos missile battery from India in April.",
     ("IND", "PHL", "delivered")),
    ("Washington has cleared Berlin to re-export German-made howitzers to Ukraine.", ("DEU", "UKR", "planned")),
])
def test_contracts_possession_and_permission(text, expected):
    assert {(e[0], e[1], e[3]) for e in _events(text, "en")} == {expected}


@pytest.mark.parametrize("text, language, expected", [
    ("The drones were handed to the Houthis by Iranian operatives, the report said.", "en", ("IRN", "houthis")),
    ("Ukraina diberi 14 tank Challenger 2 oleh Inggris pada awal 2023.", "id", ("GBR", "UKR")),
    ("Drone itu diserahkan kepada Houthi oleh operatif Iran, menurut laporan tersebut.", "id", ("IRN", "houthis")),
])
def test_a_passive_with_its_agent_names_the_recipient_too(text, language, expected):
    assert {e[:2] for e in _events(text, language)} == {expected}


@pytest.mark.parametrize("text, language", [
    ("Germany tightened its arms export rules for Saudi Arabia last year.", "en"),
    ("Jerman memperketat aturan ekspor senjata ke Arab Saudi tahun lalu.", "id"),
])
def test_a_transfer_word_naming_a_policy_claims_no_transfer(text, language):
    assert _events(text, language) == set()


@pytest.mark.parametrize("text, language, expected", [
    ("The Houthis in Yemen supplied small arms to the militant group Al-Shabaab in Somalia.", "en",
     ("houthis", "al-shabaab")),
    ("Kelompok Houthi di Yaman memasok senjata ringan kepada kelompok militan Al-Shabaab di Somalia.", "id",
     ("houthis", "al-shabaab")),
])
def test_an_actor_after_in_and_another_actor_is_where_it_is(text, language, expected):
    assert {e[:2] for e in _events(text, language)} == {expected}


@pytest.mark.parametrize("text, language", [
    ("Ukraine's foreign ministry summoned the deputy head of the US mission in Kyiv and asked Washington to "
     "keep supplying air defence systems.", "en"),
    ("Kementerian Luar Negeri Ukraina memanggil wakil kepala misi diplomatik AS di Kyiv dan meminta Washington "
     "tetap memasok sistem pertahanan udara.", "id"),
])
def test_after_and_the_asker_is_the_clause_subject(text, language):
    assert {e[:4] for e in _events(text, language)} == {("USA", "UKR", "air_defence", "requested")}


@pytest.mark.parametrize("text, language", [
    ("In a letter to Beijing, Caracas requested faster delivery of radar systems.", "en"),
    ("Kepada Beijing, Caracas disebut meminta percepatan pengiriman sistem radar.", "id"),
])
def test_who_asks_for_a_delivery_receives_it_from_the_one_asked(text, language):
    assert {e[:4] for e in _events(text, language)} == {("CHN", "VEN", "sensors", "requested")}


@pytest.mark.parametrize("text, language", [
    ("Apart from Russia, Myanmar's military has also bought Chinese-made FTC-2000G trainer jets.", "en"),
    ("Selain dari Rusia, militer Myanmar juga mendatangkan jet latih tempur FTC-2000G buatan China.", "id"),
])
def test_an_actor_set_aside_with_besides_is_no_party(text, language):
    assert {e[:3] for e in _events(text, language)} == {("CHN", "MMR", "aircraft")}


@pytest.mark.parametrize("text, language", [
    ("The UAE has supplied the RSF with missiles. The army itself has leaned on foreign drones. "
     "It took delivery of Bayraktar TB2 drones from Turkey in late 2024.", "en"),
])
def test_it_after_a_sentence_about_something_unnamed_is_not_the_older_subject(text, language):
    assert {e[:3] for e in _events(text, language)} == {("ARE", "rsf", "missiles")}


@pytest.mark.parametrize("text, language, expected", [
    ("Iran supplied missiles to the RSF. Iranian-made Mohajer-6 drones have also been delivered to the army.", "en",
     {("IRN", "rsf", "missiles")}),
    ("Iran mengirim rudal kepada RSF. Drone Mohajer-6 buatan Iran juga telah dikirim kepada tentara.", "id",
     {("IRN", "rsf", "missiles")}),
    # A state's army in a story about that state is the state.
    ("Germany sent missiles to Ukraine in May. Berlin also delivered Leopard tanks to the army in June.", "en",
     {("DEU", "UKR", "missiles"), ("DEU", "UKR", "armoured_vehicles")}),
])
def test_delivered_to_the_army_is_no_armed_group_of_the_story(text, language, expected):
    assert {e[:3] for e in _events(text, language)} == expected


@pytest.mark.parametrize("text, language", [
    ("Drone Shahed-136, yang oleh Rusia dinamai Geran-2, dikirim Teheran ke Moskow sejak 2022.", "id"),
])
def test_an_agent_inside_a_relative_clause_is_not_the_passive_agent(text, language):
    assert {e[:2] for e in _events(text, language)} == {("IRN", "RUS")}


@pytest.mark.parametrize("text, language", [
    ("Russia delivered Yak-130 jets to Iran in May. US officials say Iran sent drones to Russia in 2022. "
     "Moscow denied the drone deliveries on Monday.", "en"),
    ("Rusia mengirim jet Yak-130 ke Iran pada Mei. Iran mengirim drone ke Rusia pada 2022. "
     "Rusia membantah adanya pengiriman drone itu.", "id"),
])
def test_a_denial_naming_weapons_denies_those_claims_in_their_direction(text, language):
    denied = {e[:3] for e in _events(text, language) if e[3] == "denied"}
    assert denied == {("IRN", "RUS", "uav")}


def test_a_denial_of_a_noun_naming_the_other_side_is_the_deniers_own():
    assert {e[:4] for e in _events("Iran denied deliveries of drones to Russia.", "en")} == {
        ("IRN", "RUS", "uav", "denied")}


@pytest.mark.parametrize("text, language", [
    ("The Philippines has asked Korea Aerospace Industries for FA-50 jets, and a Swedish offer of Gripen fighters "
     "is still on the table.", "en"),
])
def test_an_origin_between_a_determiner_and_a_transfer_noun_is_its_sender(text, language):
    assert ("SWE", "PHL", "aircraft", "offered") in {e[:4] for e in _events(text, language)}


@pytest.mark.parametrize("text, language", [
    ("About 60 Gepard air defence guns have been bought back by the United States and will be shipped to Ukraine.",
     "en"),
    ("Sekitar 60 meriam Gepard telah dibeli kembali oleh Amerika Serikat dan akan dikirim ke Ukraina.", "id"),
])
def test_bought_by_one_and_shipped_to_another_passes_the_weapons_on(text, language):
    assert {e[:4] for e in _events(text, language)} == {("USA", "UKR", "air_defence", "planned")}


@pytest.mark.parametrize("text, language", [
    ("North Korea has sent millions of artillery shells to Russia since August. In return, Seoul believes, Moscow "
     "has supplied food and raw materials.", "en"),
    ("Korea Utara telah mengirim jutaan peluru artileri ke Rusia sejak Agustus. Sebagai imbalannya, Moskow memasok "
     "makanan dan bahan mentah.", "id"),
])
def test_in_return_sends_back_to_whoever_sent(text, language):
    assert {e[:3] for e in _events(text, language)} == {("PRK", "RUS", "ammunition"), ("RUS", "PRK", "non_military")}


def test_a_second_contract_in_a_sentence_is_with_the_source_named_before_for_that_recipient():
    text = ("Poland, whose army took delivery of its first 18 K239 Chunmoo launchers from South Korea in August 2023, "
            "signed a second contract yesterday for thousands of rounds of guided rocket ammunition.")
    assert _events(text, "en") == {("KOR", "POL", "artillery", "delivered", "2023-08"),
                                   ("KOR", "POL", "ammunition", "planned", "2024-06-13")}


def test_a_sender_past_a_clause_break_leaves_the_makers_of_the_first_clause():
    text = "Spain and Portugal each received two NASAMS batteries, while Italy got SAMP/T launchers from France."
    assert {e[:3] for e in _events(text, "en")} == {
        ("NOR", "ESP", "air_defence"), ("NOR", "PRT", "air_defence"), ("FRA", "ITA", "air_defence")}


@pytest.mark.parametrize("text, language", [
    ("Kyiv expects the first F-16s from Denmark and the Netherlands to arrive this summer.", "en"),
    ("Kyiv berharap F-16 pertama dari Denmark dan Belanda tiba musim panas ini.", "id"),
])
def test_a_marker_governs_the_actors_joined_after_it(text, language):
    assert {e[:2] for e in _events(text, language)} == {("DNK", "UKR"), ("NLD", "UKR")}


def test_a_status_noun_lends_nothing_to_the_verb_after_it():
    text = "Jet tempur Rafale pertama pesanan Indonesia tiba di Pekanbaru, Senin (10/6)."
    assert {e[:4] for e in _events(text, "id")} == {("FRA", "IDN", "aircraft", "delivered")}


def test_a_transfer_noun_opening_a_sentence_is_the_last_transfer_told():
    text = ("The sale of eight MQ-9B drones to Qatar was approved by the State Department on Thursday. "
            "The package also includes Hellfire missiles and GBU-39 bombs, the agency said.")
    assert {e[:3] for e in _events(text, "en")} == {
        ("USA", "QAT", "uav"), ("USA", "QAT", "missiles"), ("USA", "QAT", "ammunition")}


@pytest.mark.parametrize("text, expected", [
    ("Russia's intelligence service accused Serbian arms makers of shipping artillery shells to Ukraine.",
     {("SRB", "UKR", "ammunition")}),
    ("Chinese firms supplied radar systems to Myanmar, the report said.", {("CHN", "MMR", "sensors")}),
])
def test_a_demonym_before_a_company_noun_acts_for_its_state(text, expected):
    assert {e[:3] for e in _events(text, "en")} == expected


def test_a_holder_that_flies_weapons_made_abroad_got_them_from_their_maker():
    assert {e[:3] for e in _events("Serbian pilots have also flown Chinese-made CH-92A drones since 2020.", "en")} \
        == {("CHN", "SRB", "uav")}


@pytest.mark.parametrize("text, language", [
    ("Hamas fighters have used North Korean weapons, and Seoul believes the launchers had been supplied to the group "
     "by Pyongyang.", "en"),
    ("Pejuang Hamas memakai senjata Korea Utara, dan Seoul meyakini peluncur itu dipasok kepada kelompok itu oleh "
     "Pyongyang.", "id"),
])
def test_to_the_group_is_the_armed_group_named_before(text, language):
    assert {e[:2] for e in _events(text, language)} == {("PRK", "hamas")}


@pytest.mark.parametrize("text, language", [
    ("Last month Kyiv asked Poland to shoot down Russian missiles and drones flying over western Ukraine.", "en"),
    ("Bulan lalu, Kyiv meminta Polandia menembak jatuh rudal dan drone Rusia yang melintas di atas Ukraina barat.",
     "id"),
    ("Amerika Serikat dan Prancis meminta Rwanda menarik pasukan dan sistem rudal permukaan-ke-udaranya.", "id"),
])
def test_asking_someone_to_shoot_down_or_withdraw_weapons_asks_for_none(text, language):
    assert _events(text, language) == set()


@pytest.mark.parametrize("text, language", [
    ("Turkey is ready to supply weapons and provide military training to the new Syrian army, Erdogan said.", "en"),
    ("Turki siap memasok senjata dan memberikan pelatihan militer kepada tentara Suriah yang baru.", "id"),
])
def test_a_recipient_after_a_second_verb_is_the_first_verbs_too(text, language):
    assert {e[:3] for e in _events(text, language)} == {("TUR", "SYR", "military_equipment")}


@pytest.mark.parametrize("text, language", [
    ("Venezuela's armed forces are far larger. They fly Su-30MK2 fighters and drive T-72 tanks bought from Moscow "
     "after 2006.", "en"),
])
def test_they_hold_what_was_bought_in_their_sentence(text, language):
    assert _events(text, language) == {("RUS", "VEN", "aircraft", "delivered", "2006"),
                                       ("RUS", "VEN", "armoured_vehicles", "delivered", "2006")}


@pytest.mark.parametrize("text, language", [
    ("The United States offered Guyana radar equipment in January. Brazil responded by sending armoured vehicles to "
     "its northern border with Venezuela and Guyana.", "en"),
])
def test_weapons_sent_to_a_place_go_to_nobody_in_the_story(text, language):
    assert {e[:3] for e in _events(text, language)} == {("USA", "GUY", "sensors")}


def test_a_name_right_after_a_transfer_verb_that_is_also_a_cue_is_its_object():
    assert {e[:3] for e in _events("The United States offered Guyana radar equipment in January.", "en")} == {
        ("USA", "GUY", "sensors")}


@pytest.mark.parametrize("text", [
    "Tokyo loosened its post-war limits on weapons exports in 2023, officials said.",
    "The Houthis have attacked Israel and merchant shipping with missiles and drones since late 2023.",
])
def test_limits_on_exports_and_merchant_shipping_claim_no_transfer(text):
    assert _events(text, "en") == set()


@pytest.mark.parametrize("text, expected", [
    ("The United States handed the Yemeni coast guard four patrol boats last year.", ("USA", "YEM", "ships")),
    ("Paris supplied the Lebanese army armoured vehicles in March.", ("FRA", "LBN", "armoured_vehicles")),
])
def test_a_demonym_before_a_state_noun_is_a_recipient(text, expected):
    assert {e[:3] for e in _events(text, "en")} == {expected}


def test_a_contract_noun_pointing_back_adds_to_the_contract_told():
    text = ("Polandia meneken kontrak pembelian 96 helikopter Apache dari Amerika Serikat, Selasa (13/8). "
            "Kontrak itu juga mencakup rudal antitank Hellfire dan sensor penargetan.")
    assert {e[:4] for e in _events(text, "id")} == {
        ("USA", "POL", "aircraft", "planned"), ("USA", "POL", "missiles", "planned"),
        ("USA", "POL", "sensors", "planned")}


@pytest.mark.parametrize("text, language, expected", [
    # The Mi-24s handed over are not the Boeing-built helicopters: only their own maker may stand in.
    ("Helikopter buatan Boeing itu akan menggantikan helikopter Mi-24, yang sebagian telah diserahkan kepada Ukraina.",
     "id", {("RUS", "UKR", "aircraft")}),
    ("Iran juga berusaha mendapatkan sistem pertahanan udara HQ-9 buatan China untuk menggantikan sistem yang hancur "
     "dalam perang dengan Israel.", "id", {("CHN", "IRN", "air_defence")}),
])
def test_an_origin_speaks_only_for_the_weapons_beside_it(text, language, expected):
    assert {e[:3] for e in _events(text, language)} == expected


def test_weapons_ordered_by_a_buyer_and_then_delivered_go_to_the_buyer():
    text = "The first six of 24 Boeing-built AH-64E Apache helicopters ordered by Morocco were delivered on Tuesday."
    assert ("USA", "MAR", "aircraft", "delivered") in {e[:4] for e in _events(text, "en")}


@pytest.mark.parametrize("text, language", [
    ("Cile, tetangga Peru di selatan, mengoperasikan tank Leopard 2A4 yang dibeli dari Jerman pada 2007.", "id"),
    ("Chile, Peru's southern neighbour, operates Leopard 2A4 tanks bought from Germany in 2007.", "en"),
])
def test_an_actor_in_an_apposition_is_no_subject(text, language):
    assert {e[:3] for e in _events(text, language)} == {("DEU", "CHL", "armoured_vehicles")}


@pytest.mark.parametrize("text, language", [
    ("Senegal tahun lalu menerima kapal patroli lepas pantai pertama dari galangan Piriou, Prancis.", "id"),
    ("Senegal last year received its first offshore patrol vessel from the shipyard Piriou, France.", "en"),
])
def test_a_marker_governs_the_country_after_a_firm_no_lexicon_names(text, language):
    assert {e[:3] for e in _events(text, language)} == {("FRA", "SEN", "ships")}


def test_a_date_past_a_clause_break_after_the_trigger_dates_that_clause():
    text = ("Iran juga berusaha mendapatkan sistem HQ-9 buatan China untuk menggantikan sistem yang hancur dalam "
            "perang dengan Israel pada Juni lalu.")
    assert {e[4] for e in _events(text, "id", published="2025-09-02")} == {"2025-09-02"}


def test_a_state_that_fired_weapons_made_abroad_got_them_but_a_told_handover_keeps_its_date():
    text = ("The KN-23 missiles were handed over to the Russian military on February 20, officials said. "
            "Russia has fired at least two dozen North Korean-made ballistic missiles at Ukraine since late December.")
    assert _events(text, "en", published="2024-02-22") == {("PRK", "RUS", "missiles", "delivered", "2024-02-20")}


def test_a_denial_of_weapons_in_general_stays_beside_specific_denials():
    text = ("Iran continues to ship missiles and drones to the Houthis, US officials said. Tehran rejected the "
            "accusation. Its spokesman said Iran \"has never sent weapons to the Houthis\".")
    denied = {e[2] for e in _events(text, "en") if e[3] == "denied"}
    assert denied == {"missiles", "uav", "military_equipment"}


@pytest.mark.parametrize("text, language", [
    ("Last month Zelenskiy signed a similar letter of intent in Linkoping for 100 Swedish Gripen E fighters.", "en"),
])
def test_a_letter_of_intent_is_a_contract(text, language):
    assert {e[:4] for e in _events(text, language, published="2025-11-17")} == {
        ("SWE", "UKR", "aircraft", "planned")}


@pytest.mark.parametrize("text, language", [
    ("Germany gave the go-ahead for the export of 18 Leopard 2 tanks to Ukraine.", "en"),
    ("Jerman memberi lampu hijau untuk ekspor 18 tank Leopard 2 ke Ukraina.", "id"),
])
def test_a_go_ahead_plans_a_transfer(text, language):
    assert {e[:4] for e in _events(text, language)} == {("DEU", "UKR", "armoured_vehicles", "planned")}


@pytest.mark.parametrize("text, language", [
    ("Ethiopia acquired Turkish TB2 and Iranian Mohajer-6 drones during the Tigray war, analysts said.", "en"),
    ("Etiopia mendatangkan drone TB2 buatan Turki dan drone Mohajer-6 buatan Iran selama perang Tigray.", "id"),
])
def test_each_weapon_comes_from_the_origin_beside_it(text, language):
    assert {e[:3] for e in _events(text, language)} == {("TUR", "ETH", "uav"), ("IRN", "ETH", "uav")}


def test_who_ordered_weapons_is_handed_them():
    text = "Pesawat A400M pertama pesanan Indonesia diserahterimakan di Sevilla, Spanyol, pekan lalu."
    assert ("IDN", "aircraft", "delivered") in {(e[1], e[2], e[3]) for e in _events(text, "id")}


@pytest.mark.parametrize("text, language", [
    ("Selain itu, TNI AL masih menanti dua fregat kelas Istif yang dipesan dari galangan Turki, TAIS.", "id"),
    ("Indonesia is still waiting for two Istif-class frigates that were ordered from Turkey.", "en"),
])
def test_awaited_weapons_ordered_from_a_source_are_planned_from_it(text, language):
    assert {e[:4] for e in _events(text, language)} == {("TUR", "IDN", "ships", "planned")}


@pytest.mark.parametrize("text, language", [
    ("Dari India, Armenia telah menerima peluncur roket Pinaka, sementara sistem pertahanan udara Akash dijadwalkan "
     "tiba akhir tahun ini.", "id"),
    ("Armenia has received Pinaka launchers from India, while Akash air defence systems are due to arrive by the end "
     "of the year.", "en"),
])
def test_what_arrives_in_a_second_clause_arrives_where_the_first_clause_went(text, language):
    assert ("IND", "ARM", "air_defence", "planned") in {e[:4] for e in _events(text, language)}


@pytest.mark.parametrize("text, language", [
    ("Moscow has received Shahed drones from Iran, according to Ukrainian officials, and is seeking ballistic "
     "missiles from Tehran.", "en"),
    ("Moskow telah menerima drone Shahed dari Iran, menurut pejabat Ukraina, dan sedang meminta rudal balistik dari "
     "Teheran.", "id"),
])
def test_the_source_of_a_report_is_no_party(text, language):
    assert {e[:4] for e in _events(text, language)} == {
        ("IRN", "RUS", "uav", "delivered"), ("IRN", "RUS", "missiles", "requested")}


@pytest.mark.parametrize("text, language", [
    ("Baykar has sold TB2 drones to more than 30 countries, including Ukraine, Poland and Morocco.", "en"),
    ("Baykar telah menjual drone TB2 ke lebih dari 30 negara, termasuk Ukraina, Polandia dan Maroko.", "id"),
])
def test_a_list_after_including_names_the_recipients(text, language):
    assert {e[:2] for e in _events(text, language)} == {("TUR", "UKR"), ("TUR", "POL"), ("TUR", "MAR")}


def test_a_handover_with_no_party_named_is_the_story_pair_when_the_maker_agrees():
    text = ("Turkey has begun delivering Bayraktar TB3 drones to Indonesia under a deal signed last year. The first "
            "two TB3s were handed over at a ceremony in Istanbul attended by Indonesian Defence Minister Sjafrie "
            "Sjamsoeddin.")
    assert {e[:4] for e in _events(text, "en")} >= {("TUR", "IDN", "uav", "delivered")}
    assert all(e[0] == "TUR" for e in _events(text, "en"))


@pytest.mark.parametrize("text, language, expected", [
    ("Kazakhstan's air force took delivery of four more Su-30SM2 fighters from Russia on Thursday.", "en",
     {("RUS", "KAZ", "aircraft")}),
    ("China akan menghibahkan dua kapal korvet kelas Type 056A kepada Angkatan Laut Kerajaan Kamboja.", "id",
     {("CHN", "KHM", "ships")}),
    # A number run on to a name is no variant code: K808 vehicles are not K-8 jets.
    ("Peru akan membeli kendaraan lapis baja beroda K808 dari Korea Selatan.", "id",
     {("KOR", "PER", "armoured_vehicles")}),
])
def test_a_variant_code_run_on_to_a_designation_names_that_system(text, language, expected):
    assert {e[:3] for e in _events(text, language)} == expected


def test_weapons_bought_from_a_source_and_handed_over_go_from_it_to_the_one_named():
    text = "The first eight Stryker carriers bought from the United States were handed over to the Argentine Army."
    assert {e[:4] for e in _events(text, "en")} >= {("USA", "ARG", "armoured_vehicles", "delivered")}


@pytest.mark.parametrize("text, language, expected", [
    ("Washington, once a major supplier, suspended security assistance to Pakistan in 2018.", "en",
     ("USA", "PAK", "military_equipment", "cancelled")),
    ("AS menangguhkan bantuan militer kepada Niger pada Agustus tahun lalu.", "id",
     ("USA", "NER", "military_equipment", "cancelled")),
    ("South Korea's LIG Nex1 pitched its Cheongung system to Egyptian officers at an arms fair in Cairo.", "en",
     ("KOR", "EGY", "air_defence", "offered")),
])
def test_suspended_aid_is_cancelled_and_a_pitch_is_an_offer(text, language, expected):
    assert {e[:4] for e in _events(text, language)} == {expected}


@pytest.mark.parametrize("text, expected", [
    ("Angkatan Udara Sri Lanka menerima pesawat patroli maritim Beechcraft King Air 360ER hibah Amerika Serikat "
     "(AS) di Pangkalan Udara Katunayake.", {("USA", "LKA", "aircraft")}),
    ("Sebanyak 18 jet tempur ringan FA-50 Block 20 buatan KAI, Korea Selatan, dijadwalkan tiba di Malaysia mulai "
     "2026.", {("KOR", "MYS", "aircraft")}),
    ("Italia menangguhkan pengiriman dua kapal patroli baru kepada penjaga pantai Libya bulan lalu.",
     {("ITA", "LBY", "ships")}),
    ("Selain PPA, Kemhan telah memesan dua kapal selam Scorpene Evolved dari Naval Group asal Prancis.",
     {("FRA", "IDN", "ships")}),
])
def test_grants_arrivals_and_coast_guards_in_indonesian(text, expected):
    assert {e[:3] for e in _events(text, "id")} == expected


@pytest.mark.parametrize("text, expected", [
    ("Brazil, Argentina's biggest trading partner, has offered Embraer's C-390 Millennium transport aircraft to "
     "Buenos Aires.", {("BRA", "ARG", "aircraft")}),
    ("Argentina took delivery of four offshore patrol vessels built by France's Naval Group, the last of them in "
     "2022.", {("FRA", "ARG", "ships")}),
    ("Armenia's defence minister asked his Indian counterpart, Rajnath Singh, for more artillery ammunition.",
     {("IND", "ARM", "ammunition")}),
])
def test_makers_and_counterparts(text, expected):
    assert {e[:3] for e in _events(text, "en", published="2024-11-14")} == expected


@pytest.mark.parametrize("text, language", [
    ("The Houthis are being armed by Iran, the report said.", "en"),
    ("Houthi dipersenjatai oleh Iran, menurut laporan itu.", "id"),
])
def test_armed_by_arms_its_subject(text, language):
    assert {e[:3] for e in _events(text, language)} == {("IRN", "houthis", "military_equipment")}


def test_a_request_to_buy_goes_to_the_one_it_was_submitted_to():
    text = ("Permintaan resmi Malaysia untuk membeli 33 jet tempur F/A-18C/D Hornet bekas telah disampaikan kepada "
            "Kuwait, kata Menteri Pertahanan Malaysia.")
    assert {e[:4] for e in _events(text, "id")} == {("KWT", "MYS", "aircraft", "requested")}


def test_lobbying_for_weapons_requests_them():
    text = "Ukraine's ambassador has lobbied publicly since last year for Hawkei light vehicles from Australia."
    assert {e[:4] for e in _events(text, "en")} == {("AUS", "UKR", "armoured_vehicles", "requested")}


@pytest.mark.parametrize("text, language", [
    ("Saudi Arabia, which already flies 72 Eurofighter Typhoon jets, has asked London for up to 48 more.", "en"),
    ("Arab Saudi, yang sudah mengoperasikan 72 Eurofighter Typhoon, meminta Inggris memasok 48 unit lagi.", "id"),
])
def test_a_number_of_more_asks_for_the_system_named_before(text, language):
    assert ("GBR", "SAU", "aircraft", "requested") in {e[:4] for e in _events(text, language)}


def test_a_recipient_of_generic_weapons_in_a_one_sender_story_got_them_from_that_sender():
    text = ("Jepang menghibahkan kapal patroli kepada Indonesia pada 2022. Jepang juga menyerahkan radar kepada "
            "Vietnam. Bangladesh menerima kapal patroli pada 2023.")
    assert ("JPN", "BGD", "ships") in {e[:3] for e in _events(text, "id")}


@pytest.mark.parametrize("text, expected", [
    ("Germany has approved the sale of 150 IRIS-T air-to-air missiles to Saudi Arabia.", ("DEU", "SAU", "missiles")),
    ("North Korea supplied F-7 rocket-propelled grenade launchers to Hamas, Seoul said.",
     ("PRK", "hamas", "small_arms")),
])
def test_a_head_of_several_words_after_a_name_says_what_it_is(text, expected):
    assert {e[:3] for e in _events(text, "en")} == {expected}


@pytest.mark.parametrize("text, language", [
    ("Moldova's government on Wednesday denied reports in Russian media that it was preparing to send weapons to "
     "Ukraine.", "en"),
    ("Pemerintah Moldova membantah laporan media Rusia bahwa pihaknya bersiap mengirim senjata ke Ukraina.", "id"),
])
def test_the_country_of_a_news_source_is_no_party(text, language):
    assert {e[:4] for e in _events(text, language)} == {("MDA", "UKR", "military_equipment", "denied")}


@pytest.mark.parametrize("text, language, expected", [
    ("Presiden AS Donald Trump menangguhkan seluruh bantuan militer kepada Ukraina pada Senin (3/3/2025).", "id",
     ("USA", "UKR", "military_equipment", "cancelled")),
    ("Manila is weighing an offer of submarines from France's Naval Group, although no budget has been set aside.",
     "en", ("FRA", "PHL", "ships", "offered")),
])
def test_suspended_aid_and_a_concession_that_does_not_negate(text, language, expected):
    assert {e[:4] for e in _events(text, language, published="2025-03-05")} == {expected}


def test_the_possessor_of_a_thing_is_no_subject_and_a_platforms_head_noun_went_nowhere():
    text = ("Since the start of Russia's full-scale invasion in February 2022, the Netherlands has sent Ukraine PzH "
            "2000 howitzers. In May it completed the handover of all 24 F-16 fighter jets it had pledged. The "
            "package will also include ammunition for the HIMARS rocket launchers that Ukraine already operates.")
    assert {e[:3] for e in _events(text, "en", published="2025-08-04")} == {
        ("NLD", "UKR", "artillery"), ("NLD", "UKR", "aircraft"), ("NLD", "UKR", "ammunition")}


def test_a_demonym_naming_an_organ_is_the_subject_before_a_bare_one():
    text = "The Kenyan air force already flies a mix of helicopters, including Chinese Harbin Z-9s bought in 2011."
    assert {e[:3] for e in _events(text, "en")} == {("CHN", "KEN", "aircraft")}


@pytest.mark.parametrize("text, language", [
    ("Inggris merupakan salah satu pendukung militer terbesar Ukraina dan telah memasok rudal jelajah Storm Shadow "
     "kepada Kyiv sejak Mei 2023.", "id"),
    ("Britain is one of Ukraine's biggest military backers and has supplied Storm Shadow cruise missiles to Kyiv since "
     "May 2023.", "en"),
])
def test_a_verb_after_and_shares_the_sentences_first_subject(text, language):
    assert {e[:3] for e in _events(text, language)} == {("GBR", "UKR", "missiles")}


@pytest.mark.parametrize("text, language, status", [
    ("N'Djamena juga telah mengajukan permintaan pesawat serang ringan Hurkus kepada Ankara, kata seorang pejabat "
     "Kementerian Pertahanan Chad yang tidak bersedia disebutkan namanya.", "id", "requested"),
    ("Manila tengah menimbang tawaran kapal selam dari Naval Group asal Prancis, meski anggaran untuk program "
     "tersebut belum disetujui Kongres.", "id", "offered"),
])
def test_a_nouns_status_does_not_reach_past_an_attribution_or_a_clause_break(text, language, status):
    assert {e[3] for e in _events(text, language)} == {status}


def test_an_order_from_a_buyer_is_the_makers_sale_to_it():
    text = "PTDI tengah menggarap pesanan dua pesawat NC212i dari Angkatan Darat Thailand yang kontraknya diteken."
    assert {e[:2] for e in _events(text, "id")} == {("IDN", "THA")}


@pytest.mark.parametrize("text, expected", [
    ("Kyiv now fields Leopard 2 tanks supplied by Germany, Poland and Canada.",
     {("DEU", "UKR", "armoured_vehicles", "delivered"), ("POL", "UKR", "armoured_vehicles", "delivered"),
      ("CAN", "UKR", "armoured_vehicles", "delivered")}),
    ("Washington approved a request by Taipei for 100 Harpoon coastal defence systems.",
     {("USA", "TWN", "missiles", "planned")}),
])
def test_a_holder_of_weapons_supplied_by_others_and_a_request_granted(text, expected):
    assert {e[:4] for e in _events(text, "en")} == expected
