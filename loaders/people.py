"""People named in a text: honorifics, titles and affiliations, one person per name.

"Mr. Anders Hjertstrand, Director of International Development Cooperation, Swedish National
Audit Office" is a person with a membership (title, affiliation, the affiliation resolved to an
organisation); a later "Mr. Hjertstrand" or "Anders Hjertstrand" is the same person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from cepa_kg.loaders.actors import Gazetteer, country_info
from cepa_kg.loaders.anchored import matches_at
from cepa_kg.loaders.domain_data import country_names
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.organisations_in_text import ORG_HEAD, find_actors
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.sentences import sentence_end
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import ActorMention, Membership, Person, PersonMention

__all__ = ["People", "names_a_post", "person_key"]

_HON = r"(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|H\.E|Sir|Dame)\b\.?"
#: Before a name, a post may stand for the honorific: "Ambassador Rodrigo Pérez Lagos" (after a
#: name, "Ambassador and Permanent Representative of Brazil" is a post: `_HON` is used there).
_HON_BEFORE_NAME = (r"(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|H\.E|Sir|Dame|Honou?rable|Hon|"
                    r"(?:His|Her)[ ]Excellency|"
                    r"Ambassador(?!\s+(?:Extraordinary|Plenipotentiary|at\b))|"
                    # French, Spanish and Portuguese ("S.E. Mme X", "M. Y", "Sra. Z"); "M."
                    # not as a middle initial ("John M. Smith")
                    r"Mme|Mlle|S\.E|Sra|Srta|Sr|Dra|(?:(?<![\s\S])|(?<=\n)|(?<=[,;:(]\s)|(?<=\sde\s)|(?<=\set\s)|"
                    r"(?<=\spar\s)|(?<=\sà\s)|(?<=\.\s))M(?=\.\s[A-Z]))\b\.?")
_TOK = r"[A-Z][\w’'-]*[a-z][\w’'-]*"
_PARTICLE = r"(?:de|da|del|van|von|der|bin|al|la|le|di|i)"  # ("Jordi Batlle i Roca")
# a family name may come first in capitals ("KIM Dong-hyun")
_NAME = (rf"(?:{_TOK}|[A-Z]{{2,15}}(?=[ \u00a0][A-Z][a-z]))"
         rf"(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_TOK}){{0,3}}")
#: A family name in capitals after the given name ("Dr. Salma BENNANI"): three letters or more.
_CAPS_SURNAME = r"[A-Z][A-Z’'-]{2,}(?![\w’'-])"
# honorifics may come in a row: "H.E. Mr. Lars Haugen"
_HON_PERSON = re.compile(rf"\b(?P<hon>{_HON_BEFORE_NAME}(?:[ \u00a0]+{_HON_BEFORE_NAME})*)"
                         rf"[ \u00a0]+(?P<name>{_NAME}(?:[ \u00a0]{_CAPS_SURNAME})?)")
#: Where a `_HON_PERSON` match can start: where one of these does. (Never inside a match of
#: these: after its first letter each has only lower case letters, or the ".E" of "H.E".)
_HON_START = re.compile(r"Mr|Ms|Miss|Dr|Prof|H\.E|Sir|Dame|Ambassador|Hon|Mme|Mlle|S\.E|Sr|Dra|"
                        r"His|Her|M(?=\.)")
# `_TOK` where a space or comma must follow: the whole run of word characters. Written so the
# regex engine never backtracks inside a word (`_TOK` tries every split of it, which made this
# the slowest scan of an update); it matches exactly what `_TOK` matches there. The name's
# look-behind (no word character, apostrophe, dot or hyphen before it) comes after its first
# letter, so the engine can skip to capitals.
_WHOLE_TOK_REST = r"(?:[^\Wa-z]|[’'-])*+[a-z][\w’'-]*+"
_WHOLE_TOK = rf"[A-Z]{_WHOLE_TOK_REST}"
#: A name's fourth word after its particle: "Jassim Ebrahim Al Sayegh", "Abdul Rahim bin Osman".
_PARTICLE_TAIL = (rf"(?:(?<=[ ]Al)[ ]{_WHOLE_TOK}|(?<=[ ]El)[ ]{_WHOLE_TOK}"
                  rf"|[ ](?:bin|bint|ibn)[ ]{_WHOLE_TOK})?")
_TITLED_PERSON = screened(re.compile(
    rf"(?P<name>[A-Z](?<![\w’'.-][A-Z]){_WHOLE_TOK_REST}(?:[ ]{_WHOLE_TOK}){{1,2}})"
    r"(?:[ ]\((?:left|right|centre|center|middle|L|R)\))?,[ \n]"))
#: A post written before the name with no comma: "NIGSD Executive Director Nermine Abdelrazek",
#: "Egypt’s Minister of Planning and Economic Development Samira El-Ghamry," (the name: the
#: two capitalised words before a comma, a full stop, "signed", "said", or "and" another
#: person with a post).
_POST_THEN_NAME = screened(re.compile(
    r"(?=[A-Z])(?<![\w’'-])(?P<org>[A-Z][A-Za-z-]{1,12}(?:[’']s)?|[A-Z][a-z]+[’']s)[ ]"
    r"(?P<title>(?:(?:Executive|Deputy|"
    r"Assistant|Vice|Acting|Permanent|Senior)[ ])*(?:Director(?:[- ]General)?|Minister|"
    r"(?:Under-)?Secretary(?:-"
    r"General)?|President|Chair(?:man|person|woman)?|Head|Administrator|Commissioner|Rector|"
    r"Ambassador|Governor|Mayor|CEO|Chief[ ]Executive(?:[ ]Officer)?)(?:[ ](?:of|for|and|the|on|"
    r"[A-Z][a-z]+)){0,8}?)[ ]"
    rf"(?P<name>{_WHOLE_TOK}[ ]{_WHOLE_TOK})(?=,|\.|\s+(?:signed|said|presented|opened|"
    r"addressed|attended|noted|stressed|spoke|took[ ]part|participated|delivered|chaired|"
    r"moderated|joined|welcomed|highlighted|emphasi[sz]ed|underlined|shared|introduced|"
    # ("Message of UN Secretary-General Ana Reis for Public Service Day")
    r"for|at|on)\b|"
    # ("Director General Ana Reis and President Ivo Mars": the next person's post)
    r"\s+and\s+(?:Vice[- ])?(?:President|Director|Chair(?:man|person)?|Secretary|Minister|CEO)\b|"
    r"\s+and\s+"
    rf"(?:{_HON}[ ]+)?{_WHOLE_TOK}[ ]{_WHOLE_TOK},\s+(?:the\s+)?[A-Z])"))  # "... and Ivo Mars, Director"
#: A post and its body written before the name with no comma, as news agencies write them:
#: "Deputy Prime Minister of Azerbaijan Ana Reis attended", "Chairman of the X Agency Ana
#: Reis,", "Rector of X University Prof. Ana Reis.", "has met with Under-Secretary-General of
#: the United Nations for Economic and Social Affairs Li Wen." (the name: two or three
#: capitalised words after the body's, then a comma, a stop or a word in lower case).
_POST_OF_BODY_NAME = screened(re.compile(  # (the first letters looked ahead for: twice as
    # fast)
    r"(?=[ADEFVPMCRHUSG])(?<![\w’'-])(?P<title>(?:(?:Deputy|Vice|Assistant|Executive|Acting|First)[ -])*(?:Prime[ ]"
    r"Minister|Minister|Chair(?:man|person|woman)?|Rector|President|Director(?:-General)?|Head|"
    r"(?:Under-)?Secretary-General|Secretary(?!-)|Mayor|Governor|Ambassador|Administrator|"
    r"Commissioner))[ ]"
    # ("Secretary at the Ministry of X (MoX) Ana Reis said": "at", the body's acronym)
    r"(?:of|at)[ ](?:the[ ])?(?P<run>[A-Z][\w’'-]*(?:[ ](?:(?:Prof|Dr|Mr|Ms|Mrs)\.|of|for|and|the|on|"
    r"\([A-Z][A-Za-z]{1,11}\)|[A-Z][\w’'-]*)){2,14})(?=[,;]|\.(?:\s|$)|[ ][a-z])"))
_NAME_AT_END = re.compile(rf"(?:[ ](?P<hon>{_HON}))?[ ](?P<name>{_WHOLE_TOK}[ ]{_WHOLE_TOK})$")
_FOR_PART = re.compile(r"[ ]for[ ]")
_TITLE_WORDS = re.compile(
    r"\b(?:Director|Directors|Chief|Dean|Head|Minister|Officer|Secretary|Secretary-General|"
    r"Under-Secretary-General|President|Vice-President|Chair|Chairman|Chairperson|Chairwoman|"
    r"Adviser|Advisor|Professor|Ambassador|Representative|Coordinator|Manager|Commissioner|"
    r"Governor|Mayor|Rapporteur|Consultant|Counsellor|Counselor|Expert|Lecturer|Founder|"
    r"Administrator|Executive|Deputy|Registrar|Rector|Principal|Judge|Senator|Spokesperson|"
    r"ASG|USG|Assistant|Member|Focal\s+Point|Specialist|Analyst|Researcher|Fellow|Economist|"
    r"Statistician|Scientist)\b"
)
#: A post right after a name, alone on the rest of its line or on the next (a statement's
#: header): the Secretariat's posts, a director's or a minister's of a named body (not the
#: occasion after it: "... at the Public Service Day").
_HEADER_POST = re.compile(
    r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(?P<post>(?:(?:United\s+Nations|UN)\s+)?(?:(?:Under|"
    r"Deputy|Assistant)[- ])?Secretary[- ]General\b[^\n,;.]{0,100}?|(?:Executive\s+)?"
    r"Director(?:[- ]General)?\s+of\s+[^\n,;.]{3,100}?|Minister\s+(?:of|for)\s+"
    r"[^\n,;.]{3,100}?)(?:[^\S\n]+(?:at|during)[^\S\n]+[^\n]{3,120}?)?"
    # (and a second post after a comma: "..., Secretary-General for the Third Conference")
    r"(?:[^\S\n]*,[^\S\n]*(?:Secretary|Director|Minister|Special|High|Executive|Chief|"
    r"Coordinator)[^\n]{3,200}?)?[^\S\n]*,?[^\S\n]*"
    r"(?=\n|$)")
#: A list of speakers: "Speakers included", "Panellists at the launch were", "Speakers:".
_SPEAKER_LIST = screened(re.compile(
    r"\b(?:[Ss]peakers|[Pp]anell?ists|[Pp]resenters|[Dd]iscussants)[ ]+(?:at[ ]+the[ ]+(?:event|"
    r"session|meeting|launch|webinar|ceremony|forum|workshop)[ ]+)?(?:also[ ]+)?(?:included|"
    r"include|were|are|comprised)[ ]+|\b(?:[Ss]peakers|[Pp]anell?ists)[ ]*:[ ]*"))
#: Where a list's pieces part: a comma (and "and" after it), or "and".
_LIST_CUT = re.compile(r",[ ]*(?:and[ ]+)?|[ ]+and[ ]+")
#: One speaker of a list: a name, perhaps an honorific before it, and the body it is "of".
_LISTED_SPEAKER = re.compile(
    rf"(?:{_HON}[ ]+)?(?P<name>{_WHOLE_TOK}(?:[ ][A-Z]\.)?(?:[ ]{_WHOLE_TOK}){{1,2}})"
    r"(?:[ ]+(?:of|from)[ ]+(?:the[ ]+)?(?P<org>[A-Z][\w’'&-]*(?:[ ]+(?:of|for|and|on|the|"
    r"[A-Z][\w’'&-]*)){0,8}))?")
_NOT_NAME = frozenset(
    """The A An At In On Of For And During Following Additionally Furthermore Also However Moreover
    United Nations Public Service Services Administration Government Ministry Republic Division
    Department Office University School Centre Center Institute Council Committee Commission
    Conference Forum Workshop Seminar Meeting Member States State National International
    Development Economic Social Affairs Governance Awards Award Network Programme Day Team General
    Assembly Bank Agency Union European African Asian Regional Global World Minister Ministers
    Director Chief Vice Deputy Officer Head Secretary President Chair Dean Kingdom Korea Mexico
    Latin America Europe Africa Asia Pacific Caribbean Management Policy Information Technology
    Statistics Audit Innovation Strategy Finance Culture Sports Tourism Electoral Democracy
    Assistance Security Cooperation Co-operation January February March April May June July
    August September October November December This That These Those Its Their His Her She He
    They We It Both Hon Honourable Honorable Dr Mr Ms Mrs Prof Sir Dame Excellency""".split()
)
_CONNECT = frozenset({"of", "for", "and", "the", "on", "de", "in", "to", "at"})
#: A post word right after a name read with no comma: "... Interregional Advisor, DPIDG".
_POST_AFTER = re.compile(r"[ ](?:Advis[eo]r|Officer|Assistant|Specialist|Consultant|Expert|"
                         r"Coordinator|Manager|Analyst|Director|Chief|Head|Secretary)\b")
#: The words a post opens with before its post word ("Interregional Advisor", "Programme
#: Management Officer"): no part of a name.
_POST_MODIFIERS = frozenset(
    """Interregional Inter-Regional Regional Programme Program Management Senior Principal
    Technical Information Associate Economic Political Legal Executive Administrative
    Communications Communication Project Research Policy Governance Digital Knowledge
    Capacity Development Public Affairs Under Deputy""".split()
)
#: The last word of a post, never of a name.
_POST_NOUNS = frozenset("""Consultant Adviser Advisor Officer Specialist Coordinator Analyst
    Director""".split())
#: Those a speech addresses ("Honourable Ministers, Excellencies,"): no person.
_ADDRESSED = frozenset(
    """Ministers Members Secretaries Guests Delegates Colleagues Excellencies Participants
    Representatives Directors Officials Experts Friends Ladies Gentlemen""".split()
)
#: A headline's verb after a name ("Ms. Ana Reis Joins the 25th Session", "Professor Invited to
#: the United Nations"): no part of the name.
_HEADLINE_VERB = frozenset(
    """Joins Attends Attended Invited Elected Re-elected Reelected Appointed Named Nominated
    Participates Participated Speaks Addresses Presents Presented Visits Meets Leads Chairs
    Receives Wins Takes Joined Becomes Elects Appoints Represents Contributes Shares Delivers
    Discusses Opens Calls Urges Highlights Talks""".split()
)
_HON_WORD = re.compile(_HON)
_LEADING_HON = re.compile(rf"(?P<hon>{_HON}|Honou?rable|Hon\.|Madame|Monsieur|Ambassador|"
                          r"(?:His|Her)[ ]Excellency)[ \u00a0]+")
_TOKEN = re.compile(r"[^ \n]+")
_CAPITAL = re.compile(r"[A-Z]")
_CAPITAL_OR_BRACKET = re.compile(r"[A-Z(]")
_APPOSITIVE_WORD = re.compile(r"\(?[\w’'/&.()-]+\)?")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_E_WORD = re.compile(r"e[A-Z]")  # "eGovernment"
_OF = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")
_THEN_OF = re.compile(r"[ ]of[ ](?:the[ ])?(?=[A-Z])")
_TITLE_BEFORE = re.compile(  # "UNDP’s Administrator, Mr. "
    r"(?P<org>[A-Z][\w/-]*)[’']s[ ](?P<title>(?:[A-Z][\w-]*[ ]?)+?)"
    r"(?:[ ]?\([A-Z]+\))?,[ ]*(?:" + _HON + r"[ ]+)?$")
#: A signature alone on its line, the family name in capitals ("KIM Dong-hyun" under a letter).
_SIGNATURE = screened(re.compile(
    r"^[^\S\n]*(?P<name>(?P<family>[A-Z]{2,15})[ \u00a0](?P<given>[A-Z][a-z]+"
    r"(?:-[a-z]+)?))[^\S\n]*$", re.M))
#: "A delegation of <body> ... led by (its <Title>,)? <the person>" right before the name.
_LED_BY = re.compile(r"\bdelegation\s+(?:of|from)\s+(?:the\s+)?(?P<org>[A-Z][^.;]{2,160}?)"
                     r"(?:\s+\([A-Z][\w-]*\))?,?\s+(?:[a-z]+\s+){0,3}?led\s+by\s+"
                     r"(?:its\s+(?P<title>[A-Z][\w -]{2,60}?),\s+)?"
                     r"(?:(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s+)*$")
_A_MEMBER_OF = re.compile(r",[ ](?:a|an|the)[ ](?P<title>member|representative|fellow|partner|"
                          r"director|head|chair)[ ]of[ ](?:the[ ])?(?=[A-Z])")
_FROM = re.compile(r"[ ]from[ ](?:the[ ])?(?=[A-Z])")
#: A name that opens a sentence, then a verb of speech: "Ana Silva thanked the speakers".
_SPEAKER = re.compile(rf"(?:(?<=[.!?][ ])|(?<=\n)|^)(?P<name>{_WHOLE_TOK}[ ]{_WHOLE_TOK})[ ]$")
#: The verbs of speech `_SPEAKER` reads before (searched first: most items have none).
#: ... or a name that opens a sentence, its post or role between commas, then the verb: "Ana
#: Silva, chair of a parliamentary committee, said", "Ana Silva, governance officer at DPADM,
#: UNDESA, said" (the role in lower case, as news agencies write it).
_SPEAKER_APPOSED = re.compile(
    rf"(?:(?<=[.!?][ ])|(?<=\n)|^)(?P<name>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}}),[ ]"
    r"(?=[a-z])[^.;!?\n“”\"]{3,110},[ ]$")
_ROLE_AT = re.compile(r"[ ](?:at|of|with|in|for)[ ](?:the[ ])?(?=[A-Z])")
_SPEECH_VERB = screened(re.compile(
    r"(?<=[a-z,] )(?:thanked|said|noted|stressed|added|explained|observed|"
    r"underlined|highlighted|emphasi[sz]ed|recalled|remarked|presented|"
    r"underscored|urged|warned|cautioned|argued|outlined)\b"))
#: ... or a name that opens a sentence, the bodies it is of between commas, then the verb:
#: "Ana Silva, DPIDG, UN DESA, presented" (as meeting reports write a speaker).
_SPEAKER_OF_BODY = re.compile(
    rf"(?:(?<=[.!?][ ])|(?<=\n)|^)(?P<name>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}}),[ ]"
    r"(?P<body>[A-Z][^.;!?\n“”\"]{1,110}),[ ]$")
_SPEAKER_REACH = 60
#: Two people and one post in the plural, in lower case: "Ms. A and Mr. B, senior advisors on
#: e-government and public administration,".
_PAIR_POST = re.compile(
    rf"(?P<first_hon>{_HON})[ ]+(?P<first>{_NAME})[ ]and[ ](?P<second_hon>{_HON})[ ]+"
    rf"(?P<second>{_NAME}),[ ](?P<title>(?:(?:senior|chief|principal|lead|regional|"
    r"interregional|international|technical)[ ])?(?:advis[eo]rs|experts|officers|consultants|"
    r"specialists|economists)\b[^,.;\n]{0,80})[,.]")
#: The plural post `_PAIR_POST` ends with (searched first: most items have none).
_PLURAL_POST = re.compile(r", (?:(?:senior|chief|principal|lead|regional|interregional|"
                          r"international|technical) )?(?:advis[eo]rs|experts|officers|consultants|"
                          r"specialists|economists)\b")
_PAIR_REACH = 120
#: Before the body they are from: "experts from the", "officials of".
_BODY_OF_PEOPLE = re.compile(r"\b(?:experts?|advis[eo]rs?|officials?|staff|team|delegation|"
                             r"representatives?)\s+(?:from|of)\s+(?:the\s+)?$", re.I)
#: The rest of a list of people with their posts, then the body they all are from: ", and B,
#: Senior Officer,\nfrom DPIDG".
_LIST_FROM = re.compile(rf"(?:,?\s+and\s+(?:{_HON}\s+)?{_NAME},\s+[^,;.]{{3,80}}?)?,?\s+from\s+"
                        r"(?:the\s+)?(?=[A-Z])")
_PAIR_FROM = re.compile(rf"[ ]and[ ]{_HON}[ ]+(?:[A-Z][\w’'-]*[ ]){{1,3}}from[ ](?:the[ ])?"
                        r"(?=[A-Z])")
#: A title phrase before the name: "the Minister of X of Y, Mr. ", "DPADM Interregional
#: Adviser, Mr. ", "the Head of UNU-EGOV – Prof. " (one line, no sentence end inside).
_TITLE_PHRASE_BEFORE = re.compile(
    r"(?:\b[Tt]he[ ]|\b(?:with|by|from)[ ]|(?<![\w’'])(?=[A-Z]{2,}[ ]))(?P<phrase>[A-Z][^,;.\n–—]{3,110}?)"
    r"(?:,|[ ]+[–—])[ ]*"  # ("the Head of UNU-EGOV – Prof. Marta Pires –": a dash apposition)
    r"(?:" + _HON + r"[ ]+)*$")
#: "X was represented by its <post>" before the name: the post, and X whose post it is.
_REPRESENTED_BY_ITS = re.compile(
    r"(?P<owner>[A-Z][\w&/-]*(?:[ ](?:of[ ](?:the[ ])?)?[A-Z][\w&/-]*){0,8})[ ](?:was|were|is|are|"
    r"will[ ]be|has[ ]been|had[ ]been)[ ](?:represented|led|headed)[ ]by[ ](?:its|their)[ ]"
    r"(?P<title>[A-Z][^,;]*)$")
_POSSESSIVE_END = re.compile(r"[’']s$")
#: After two people, what they share: the body they are of or from, with or without a post in
#: the plural ("A and B, of the E-Government Branch of ...", "A and B, Researchers from X").
#: Searched first (a cue), the two names then read just before it (`_PAIR_BEFORE`).
_SHARED_CUE = re.compile(r",[ ](?:(?P<post>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?s)[ ](?:from|of|at)|of)"
                         r"[ ](?:the[ ])?(?=[A-Z])")
_PAIR_BEFORE = re.compile(
    rf"(?<![\w’'.-])(?:(?P<first_hon>{_HON})[ ]+)?(?P<first>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}})"
    rf"[ ]and[ ](?:(?P<second_hon>{_HON})[ ]+)?(?P<second>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}})$")
#: A body's staff, then their names after a dash or colon: "UNPOG staff members – Mr. A and
#: Ms. B went on a mission".
_STAFF_OF = screened(re.compile(
    r"(?<![\w’'-])(?P<org>[A-Z][\w-]{1,15})[ ](?:staff(?:[ ]members)?|team|"
    r"delegation|experts|officials)[ ]?[–—:-][ ]"))
_LISTED_NAMES = re.compile(rf"(?:(?:{_HON})[ ]+)?{_NAME}(?:(?:,[ ]|,?[ ]and[ ])(?:(?:{_HON})[ ]+)?"
                           rf"{_NAME})*")
_NAME_GOES_ON = re.compile(_HON + r"[ ]+$|[A-Z][\w’'-]*[ ]$")  # "Mr. Name", "Name Name"
#: The posts a post written before a name opens with, in either case ("the director of
#: UNU-EGOV, Ana Reis", "The Minister of Public Administration, Ana Reis,").
_POST_WORD = (r"(?:(?:[Vv]ice-|[Dd]eputy[ ]|[Aa]ssistant[ ]|[Ee]xecutive[ ]|[Aa]cting[ ]|"
              r"[Ss]enior[ ]|[Pp]ermanent[ ])?(?:[Dd]irector(?:-[Gg]eneral)?|[Hh]ead|[Mm]inister|"
              r"[Cc]hair(?:man|person|woman)?|[Pp]resident|(?:[Uu]nder-?)?[Ss]ecretary(?:-[Gg]eneral)?|[Rr]ector|"
              r"[Dd]ean|[Mm]ayor|[Gg]overnor|[Cc]oordinator|[Cc]ouncill?or|[Cc]ommissioner|"
              r"[Aa]mbassador|[Rr]epresentative|[Cc]hief|[Pp]rofessor))")
#: "the <post> of <body>, [Mr.] " just before a name: the post is that name's when the list it
#: opens goes post first (`Collector._posts_first`).
_POST_BEFORE = re.compile(
    # (with no article after a comma or at a sentence's start: "In her opening address,
    # Assistant Undersecretary for X at MCIT, Ana Reis, said")
    # (not after a name's comma: "Ms. A, President of X, Mr. B, Y of Z": posts after names)
    # ("The Minister of X, Dr. A, and Under-Secretary-General of Y, Mr. B,": "and" too)
    rf"(?:(?<![\w’'-])(?:the|The|and)[ ]|(?<![\w’'-])[a-z]+,[ ]|(?<=[.!?][ ])|(?<=\n)|^)"
    rf"(?P<phrase>(?P<title>{_POST_WORD}(?:[ ](?:ad[ ]interim|a\.i\.))?)"
    rf"[ ](?:of|for|at)[ ](?P<body>[^,;.\n–—]{{1,110}}?)),[ ](?:{_HON}[ ]+)*$")
#: A name after such a post, then a stop: "and the Councillor of X, Ana Reis." (`_TITLED_PERSON`
#: wants a comma after the name).
_POST_COMMA_NAME = screened(re.compile(
    rf"(?<![\w’'-])(?:the|The)[ ]{_POST_WORD}[^,;.\n]{{0,120}}?,[ ](?:{_HON}[ ]+)*"
    rf"(?P<name>[A-Z]{_WHOLE_TOK_REST}(?:[ ]{_WHOLE_TOK}){{1,2}})(?=[.;:]|[ ]and[ ]|[ ]at[ ])"))
#: A post word, then one capitalised word that is no part of a post: a given name.
_GIVEN_IN_TITLE = re.compile(r"(?:Secretary-General|Director(?:[- ]General)?|Minister|President|"
                             r"Administrator|Commissioner|Ambassador|Governor|Mayor|CEO|Chair"
                             r"(?:man|person|woman)?|Rector|Head)[ ](?P<given>(?!(?:General|"
                             r"Executive|Officer|Adviser|Advisor|Director)\b)[A-Z][a-z]+)$")
#: A post and a surname alone, as speeches write them: "Minister Verhoeven,", "Secretary-General
#: Halvorsen for his message".
_POST_SURNAME = screened(re.compile(
    r"(?<![\w’'-])(?P<title>(?:Prime[ ])?Minister|(?:Under-)?Secretary-General|President|Mayor|"
    r"Governor|Director-General|Chairman|Chairperson|Chairwoman|Commissioner)[ ]"
    r"(?P<name>[A-Z][a-z][\w’'-]+)(?=[,.;:!]|[ ](?:for|and|of|to|on|who|has|have|had|said|will|"
    r"was|is|opened|attended|addressed|presented|noted|stressed)\b)"))
#: The Committee's role before a name: "CEPA member Ms. Ana Reis", "UN CEPA Chair Prof. B".
_BODY_ROLE_NAME = screened(re.compile(
    r"(?<![\w’'-])(?P<body>(?:UN[ ])?CEPA)[ ](?P<title>[Mm]ember|Chair(?:person)?|Vice-Chair|"
    r"Rapporteur)[ ](?P<hon>(?:(?:Hon|Dr|Mr|Ms|Mrs|Prof|Professor|H\.E)\.?[ ])+)?"
    rf"(?P<name>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}})"))
#: A post, then an honorific, then the name: "Senior Minister Hon. Ana Reis;", "Minister of
#: Food and Agriculture Hon. Dr. Ana Reis;", "Bank of X Governor Dr. Ana Reis".
_POST_HON_NAME = screened(re.compile(
    r"(?=[A-Z])(?<![\w’'-])(?:(?P<body>[A-Z]{2,10})[ ](?=(?:CEO|Chief|Director|Executive|"
    r"Secretary|President|Chair)))?(?P<title>(?:(?:Senior|Deputy|Vice|Prime|Finance|Foreign|Acting|"
    r"Executive|Chief)[ ])*(?:Minister|Governor|President|Vice-President|Director(?:[- ]General)?|"
    r"Secretary(?:[- ]General)?|Mayor|Chairman|Chairperson|Chairwoman|Ambassador|Commissioner|"
    r"Speaker|CEO|Executive[ ]Officer)(?:[ ](?:of|for)[ ](?:the[ ])?[A-Z][\w’'-]*"
    r"(?:[ ](?:and|of|the|[A-Z][\w’'-]*)){0,5})?)"
    rf"[ ](?P<hon>(?:(?:Hon|Dr|Mr|Ms|Mrs|Prof|H\.E)\.?[ ])+)"
    # (a name of four words with its particle: "Khalid Yousif Al Mannai")
    rf"(?P<name>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}}{_PARTICLE_TAIL})"))


#: A person named after their body's possessive, then speaking: "UN DESA's Ana Reis noted",
#: "UNDP’s Ana Reis said" (the body the person's).
_OWNED_NAME = re.compile(
    rf"(?P<name>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}})"
    r"(?=[ ](?:said|noted|stressed|added|explained|highlighted|emphasi[sz]ed|underlined|"
    r"recalled|remarked|observed|presented|told)\b)")
#: ... the body before the possessive (read backwards from it: the possessive is found by a
#: plain search, a pattern that opens with the body tried at every capital letter cost more).
_OWNER_BEFORE = re.compile(r"(?<![\w’'-])(?P<org>(?:UN[ ])?[A-Z][A-Z-]{1,11})$")


def _owned_names(text: str, item: Span) -> Iterator[tuple[str, Span, str]]:
    """(name, its span, the body) of each `_OWNED_NAME` in the item."""
    for mark in ("’s ", "'s "):
        at = text.find(mark, item.start, item.end)
        while at >= 0:
            owner = _OWNER_BEFORE.search(text, max(item.start, at - 16), at)
            m = _OWNED_NAME.match(text, at + 3, item.end) if owner is not None else None
            if m is not None and owner is not None:
                yield m.group("name"), Span(m.start("name"), m.end("name")), owner.group("org")
            at = text.find(mark, at + 3, item.end)


#: A post written before the name in Portuguese, Spanish or French, in lower case after an
#: article: "A secretária-executiva do MGI, Sílvia Rangel, está", "representado pela secretária
#: de Planejamento e Gestão, Helena Drummond,", "a deputada Juliana Prado (PSDB – RO)", "el
#: director de la Escuela, Ana Ruiz,", "la ministre de la Fonction publique, Awa Ndiaye".
_POST_OTHER = screened(re.compile(
    r"(?:(?<=\n)|^|(?<![\w’'-])(?:[AaOo]|pel[ao]|[Ll]a|[Ee]l|[Ll]e|[Dd]el?|da|do)[ ])"
    r"(?P<title>(?:[Vv]ice-|[Ss]ub)?(?:[Ss]ecret(?:ári[oa]|ario)|[Ss]ecrétaire|[Mm]inistr[oae]|"
    r"[Pp]resident[ae]|[Pp]résidente?|[Dd]iret(?:or|ora)|[Dd]irect(?:or|ora)|[Dd]irect(?:eur|rice)|"
    r"[Dd]eputad[oa]|[Dd]éputée?|[Ss]enador(?:a)?|[Pp]refeit[oa]|[Gg]overnador(?:a)?|"
    r"[Cc]oorden(?:ador|adora)|[Cc]oordin(?:ador|adora)|[Ee]mbaixador(?:a)?|[Ee]mbajador(?:a)?|"
    r"[Rr]eitor(?:a)?|[Rr]ector(?:a)?|[Aa]lcalde(?:sa)?)(?:-(?:executiv[oa]|ejecutiv[oa]|adjunt[oa]|"
    r"geral|general|générale?))?(?:[ ](?:federal|estadual|nacional|regional|executiv[oa]|"
    r"adjunt[oa]|general|geral))?)"
    # (the name after a comma, or straight after the post: "a secretária Helena Drummond")
    r"(?:(?P<of>[ ](?:d[aoe]s?|del|du|de[ ]la|de[ ]l’|de[ ]l')[ ]?[^,.;:\n]{1,90}?),[ ]|,[ ]|"
    r"[ ](?=[A-Z]))"
    rf"(?P<name>{_WHOLE_TOK}(?:[ ](?:d[aoe]s?[ ]|de[ ]la[ ])?{_WHOLE_TOK}){{1,3}})"
    r"(?=[,.;:)(]|[ ][a-zà-ÿ(–-]|$)"))
_OF_WORD = re.compile(r"^[ ](?:d[aoe]s?|del|du|de[ ]la|de[ ]l’|de[ ]l')[ ]?")
#: Where a list of people goes on, before the next person (`Collector._posts_first`).
_LIST_NAME_BEFORE = re.compile(
    rf"(?:(?:{_HON})[ ]+)?{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,2}},[ ](?:and[ ])?$")
#: A photo's position after a name: "Ana Reis (left), Head of X".
_POSITION = re.compile(r"[ ]\((?:left|right|centre|center|middle|L|R)\)(?=,[ ])")
#: A head of state or government, or a Secretary-General, named with the post as a prefix:
#: "President Ana Reis of X", "visited Under-Secretary-General Ana Reis for her guidance".
_PREFIX_POST = screened(re.compile(  # (the first letters looked ahead for: twice as
    # fast) ("United Nations Secretary-General Ana Reis said": the body before the post)
    rf"(?=[PVMGUDASFAIJHETC])(?<![\w’'-])"
    rf"(?:(?P<body>(?:United[ ]Nations|UN))[ ](?=(?:Under-|Deputy[ ]|"
    rf"Assistant[ ])?Secretary-General))?"
    rf"(?P<title>President|Vice[- ]President|(?:Prime|Foreign|Finance|Administration|Interior|"
    rf"Justice|Health|Education|Trade|Planning)[ ]Minister|Mayor|Governor|"
    rf"Chief[ ]Executive[ ]Officer|Director-General|"
    rf"(?:Under-|Deputy[ ]|Assistant[ ])?Secretary-General)[ ]"
    # (a name of four words with its particle: "Jassim Ebrahim Al Sayegh")
    # (and a middle initial: "Deputy Secretary-General Amina J. Mohammed")
    rf"(?P<name>[A-Z]{_WHOLE_TOK_REST}(?:[ ][A-Z]\.)?(?:[ ]{_WHOLE_TOK}){{1,2}}{_PARTICLE_TAIL})"
    # (a country in brackets after the name, as meeting reports write it: "Vice President Ana
    # Reis (South Africa) said")
    rf"(?:[ ]of[ ](?:the[ ])?(?P<of>[A-Z][\w’'-]*(?:[ ][A-Z][\w’'-]*){{0,3}})|"
    rf"(?=(?:[ ]\([A-Z][^()\n]{{2,40}}\))?(?:[,.;]|[ ](?:said|"
    r"stated|noted|opened|added|welcomed|for[ ](?:his|her|their)|and|to|has|had|will|was|is|"
    r"told|called|urged|put[ ]forward|presented|explained|stressed|highlighted|"
    # ("Mayor Ana Reis received the award from Under-Secretary-General Li Wen during ...")
    r"received|accepted|handed|gave|delivered|during|at|on|with|who|launched|announced|"
    r"congratulated|thanked|praised|visited|met|chaired|attended|joined|addressed|spoke|"
    r"underscored|emphasi[sz]ed|recalled)\b)))"))


#: A word every `_PREFIX_POST` match holds: an item without one is not searched (most items).
_PREFIX_POST_WORDS = ("President", "Minister", "Mayor", "Governor", "Officer", "-General")


_HANGUL = re.compile(r"[가-힣]")
#: A Korean name: a family name of one syllable, two more (not a body's short name: "서울시",
#: "연세대", "행안부").
_KO_NAME = (r"(?<![가-힣])(?P<name>[김이박최정강조윤장임한오서신권황안송류유전홍고문양"
            r"손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선"
            r"설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉][가-힣][가-힣]"
            r"(?<![시도군청처부대회]))(?![가-힣])")
#: A Korean post, a word of its own or at the end of one ("서울시장", "복지정책관").
_KO_POST = (r"[가-힣]{0,4}?(?:장관|차관보|차관|부원장|원장|센터장|사무총장|사무차장보|"
            r"사무차장|부국장|국장|과장|교수|부시장|시장|도지사|의원|대사|부소장|소장|"
            r"부회장|회장|총장|대표|이사장|위원장|청장|실장|정책관|처장|본부장|단장)")
#: A body's short name between a name and a post: Latin capitals ("UNPOG"), or a word ending as
#: Korean bodies' names end (ministry 부, agency 처, office 청, institute 원, city 시,
#: party 당 ...).
_KO_BODY = r"(?:[A-Z][A-Za-z]+|[가-힣]+(?:부|처|청|원|센터|대|시|도|회|소|기구|은행|당|국))"
_KO_PERSON = re.compile(rf"{_KO_NAME}[ ](?:(?P<org>{_KO_BODY}(?:[ ]{_KO_BODY})?)[ ])??"
                        rf"(?P<post>{_KO_POST})(?=[은는이가의과와도,.\s)·]|$)")
#: Words that open a three-syllable run and make it no name: Korea, member, the UN, government.
_KO_NOT_NAME = ("한국", "대한", "위원", "유엔", "정부", "세계", "국가", "서울", "행정")
_KO_POST_NAME = re.compile(rf"\((?P<post>{_KO_POST})[ ]{_KO_NAME}\)")


@lru_cache(maxsize=4096)  # asked for the same few names again and again
def person_key(name: str) -> str:
    return slugify(name, max_length=200)


def _appositive(text: str, start: int, limit: int) -> Span | None:
    """The capitalised phrase after "Name, " (titles and organisations), up to where the
    sentence goes on: "Director, DPADM" in "Haiyan Qian, Director, DPADM and Prof. ..."."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text[start:limit])]
    end = None
    i = 0
    while i < len(tokens):
        s, e, tok = tokens[i]
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        word = tok.rstrip(",.;:")
        if _HON_WORD.fullmatch(word) or _HON_WORD.fullmatch(tok):
            break
        capital = bool(_CAPITAL_OR_BRACKET.match(word) or _E_WORD.match(word)) and \
            word not in {"In", "On", "At"}
        if capital and _APPOSITIVE_WORD.fullmatch(word):
            end = start + s + len(word)
            if tok.endswith((".", ";", ":")) and not _INITIALS.fullmatch(tok):
                break
            if tok.endswith(",") and not (_CAPITAL.match(nxt) or _E_WORD.match(nxt)):
                break  # ("Chief, eGovernment Branch")
        elif tok.rstrip(",") in _AD_INTERIM and end is not None:  # "Director a.i., UNDP"
            end = start + s + len(tok.rstrip(","))
        elif word == "and" and _another_person_at(tokens, i + 1):
            break  # "X, Vice-Rector of UNU and Ana Reis, President of Y": the next person
        elif (word in _CONNECT and word == tok
              and (end is not None or word != "and")  # ("A, and Committee member B")
              and (_CAPITAL.match(nxt) or _E_WORD.match(nxt)  # "and eGovernment"
                   or (nxt == "the" and word != "the"))
              and not _HON_WORD.fullmatch(nxt.rstrip(",."))):
            pass
        else:
            break
        i += 1
    return Span(start, end) if end else None


_PERSON_WORD = re.compile(r"[A-Z][a-z][\w’'-]*")


def _another_person_at(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Tokens `i`, `i + 1` are a person's name with a post after it ("Ana Reis, President of
    X"): two words in title case, the second ending in a comma, a capital after it, and
    neither word a body's nor a post's."""
    if i + 2 >= len(tokens):
        return False
    first, second, after = tokens[i][2], tokens[i + 1][2], tokens[i + 2][2]
    if not second.endswith(",") or not _CAPITAL.match(after):
        return False
    second = second[:-1]
    return all(_PERSON_WORD.fullmatch(w) and not ORG_HEAD.search(w) and
               not _TITLE_WORDS.fullmatch(w) and w not in _NOT_NAME for w in (first, second))


#: A second post after a slash: ".../Acting Director, DPADM".
_SECOND_POST = re.compile(r"/\s*(?P<title>[A-Z][\w .-]{2,60}?),\s*(?P<aff>[A-Z][^,;/]{1,100})$")
#: A unit named in a post, its head word one the organisation rule leaves out: "eGovernment
#: Branch (EGB)", "Development Management Branch", "Democratic Governance Group".
_UNIT_NAME = re.compile(r"(?P<name>(?:[A-Z]|e(?=[A-Z]))[\w’'-]*(?: (?:of |for |and |on )?(?:[A-Z]|"
                        r"e(?=[A-Z]))[\w’'-]*){0,6} (?:Branch|Unit|Section|Group|Service|Team))"
                        r"(?: \((?P<acronym>[A-Z][\w-]*)\))?")
#: A role in a meeting, in brackets after a name: "(Co-Chair)", "(note-taker)".
_MEETING_ROLE = re.compile(r"(?i:co-?chair(?:person)?|chair(?:person)?|rapporteur|moderator|"
                           r"note-?taker|facilitator|secretary)")
_AD_INTERIM = frozenset(("a.i.", "a.i", "ad interim", "(a.i.)", "ai"))
_OWNER_TITLE = re.compile(r"(?P<org>[A-Z][\w/-]*)[’']s\s+(?P<title>[A-Z].*)$")
_AT = re.compile(r"\s+(?:at|in|with)\s+(?:the\s+)?(?=[A-Z])")
_ORG_WORD = re.compile(r"\b(?:University|Ministry|Office|Bank|Institute|Centre|Center|Commission|"
                       r"Committee|Agency|Council|Department|Division|Organi[sz]ation|Association|"
                       r"Foundation|School|Academy|Secretariat|Authority|Bureau|College|Mission|"
                       r"Programme|Network)\b")
_ACRONYM_TITLE = re.compile(r"(?P<org>[A-Z][A-Z0-9-]{1,9})\s+(?=(?:Deputy|Assistant|Under-|Vice|"
                            r"Executive|Chief|Director|Head|Secretary|President|Chair|Senior|"
                            r"Regional|Interregional|Programme|Special)\b)")


#: A unit whose head's post names it ("Director of the Division for ..."), not a school or
#: centre a university's dean leads ("Dean of School of Public Policy ... of Tsinghua
#: University": the university).
_UNIT_WORD = re.compile(r"(?:Division|Office|Branch|Unit|Section|Bureau)\b")


def _known_body_at(phrase: str, at: int) -> bool:
    """A body the gazetteer knows (not a country) is named from `at` on."""
    return any(m.span.start == at and m.kind == "organization"
               for m in Gazetteer.bundled().find_actors(phrase, Span(at, len(phrase))))


def _split_appositive(phrase: str) -> tuple[str | None, str | None]:
    """"Director of X, Org" -> ("Director of X", "Org"); "Chief Executive Officer of the Centre
    for Y (CPSI)" -> ("Chief Executive Officer", "Centre for Y (CPSI)")."""
    phrase = phrase.strip(" ,")
    second = _AND_ANOTHER_POST.search(phrase)
    if second is not None and _OF.search(phrase, 0, second.start()):
        phrase = phrase[: second.start()]  # "Rector of the United Nations University and
        # Under-Secretary-General of the United Nations": the first post, with its body
    owner = _OWNER_TITLE.match(phrase)
    if owner:  # "DESA's Under-Secretary-General"
        return owner.group("title").strip(), owner.group("org")
    at = _AT.search(phrase.split(",", 1)[0])
    if at and _TITLE_WORDS.search(phrase[: at.start()]) and not _is_country(
            phrase[at.end():].split(",", 1)[0]):  # "Coordinator in DPADM", "Director
        return phrase[: at.start()].strip(), phrase[at.end():].strip()  # of Policy at the ..."
    if "," in phrase:
        title, aff = phrase.split(",", 1)
        if (following := _NEXT_PERSON.match(aff)) and _OF.search(title) and not any(
                tok in _NOT_NAME for tok in following.group("name").split()):
            # "Rector of the University of Minho, Helena Costa, President of ...": the phrase
            # ran on into the next person of a list; the post and its body are before the comma
            return _split_appositive(title)
        return title.strip(), aff.strip() or None
    lead = _ACRONYM_TITLE.match(phrase)
    if lead:  # "ITU Deputy Secretary-General": the organisation, then the title
        return phrase[lead.end("org"):].strip(), lead.group("org")
    parts = list(_OF.finditer(phrase))
    known = next((p for p in parts if _UNIT_WORD.match(phrase, p.end())
                  and _known_body_at(phrase, p.end())), None)
    if known is not None:  # "Director of the Division for Public Institutions and Digital
        # Government of the United Nations Department of ...": the unit the first "of" names
        return phrase[: known.start()].strip(), phrase[known.end():].strip()
    if parts:
        # the last "of" ("Dean of School of Public Policy of Tsinghua University"), unless a
        # country follows it and an organisation an earlier one: "Chairman of the Information
        # Technologies Agency of Azerbaijan" (but "Minister of Finance of Ghana")
        cut = parts[-1]
        named = next((p for p in parts[:-1]
                      if _NAMED_BODY.fullmatch(phrase, p.end(), cut.start())), None)
        if named is not None:
            # "Director of the Jordanian Institute of Public Administration": one body's name
            # runs over the last "of" (its head word just before it)
            cut = named
        elif not ORG_HEAD.search(phrase, cut.end()) and (whole := next(
                (p for p in parts[:-1] if ORG_HEAD.match(phrase, p.end())), None)) is not None:
            # "Rector of the University of Minho", "Mayor of the Municipality of Braga": the
            # last "of" names a place, an earlier one the body whose place it is
            cut = whole
        elif _is_country(phrase[cut.end():]):
            cut = next((p for p in parts if _ORG_WORD.search(_OF.split(phrase[p.end():])[0])),
                       cut)
        return phrase[: cut.start()].strip(), phrase[cut.end() :].strip()
    if _TITLE_WORDS.search(phrase):
        return phrase, None
    return None, phrase


#: The next person of a list, after a post: " Helena Costa, President of ..." (a name, then a
#: comma; no body's head word in it).
_NEXT_PERSON = re.compile(rf"\s*(?:{_HON}\s+)?(?P<name>[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*"
                          r"[a-z][\w’'-]*){1,2}),\s")
#: Capitalised words before a body's head word: "Jordanian " in "Jordanian Institute of ...".
_NAMED_BODY = re.compile(r"(?:[A-Z][\w’'-]*[ ]){1,3}" + ORG_HEAD.pattern)
#: A second post after "and": "... and Under-Secretary-General of the United Nations".
_AND_ANOTHER_POST = re.compile(
    r"\s+and\s+(?:the\s+)?(?:(?:Under-|Assistant\s|Deputy\s|Vice-|Executive\s|Acting\s|"
    r"Senior\s)?(?:Secretary-General|Director|Chair(?:person|man|woman)?|President|Head|"
    r"Minister|Rector|Dean|Chief|Coordinator|Commissioner|Ambassador|Permanent\s+"
    r"Representative)\b)")
#: A unit's head word alone: "the Dean of the School" names the school told of before.
_HEAD_ALONE = re.compile(r"(?:the\s+)?(?P<head>School|Faculty|Institute|Centre|Center|Division|"
                         r"Department|Office|Ministry|University|Agency|Branch|College)")
_CAPACITY = re.compile(r"[^.;]{0,120}?\bin\s+(?:his|her|their)\s+capacity\s+as\s+(?:the\s+)?"
                       r"(?P<title>[A-Z][\w’'-]*(?:[ ](?:of[ ](?:the[ ])?)?[A-Z][\w’'-]*){0,5})")
_OWNED_AFTER = re.compile(r"[’']s\s+[A-Z]")
_REPRESENTED_BY = re.compile(r",?\s+represented\s+by\s+(?:H\.?\s?E\.?\s+)?(?:(?:Mr|Ms|Mrs|Dr|Prof)"
                             r"\.?\s+)?$")
_IN_COUNTRY = re.compile(r"\s+in\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})$")
_TO_THE_UN = re.compile(r"\s+(?:to|at)\s+the\s+(?:United\s+Nations|UN)\b.*$", re.S)


#: Words that open a post, never a body's name: "Assistant Secretary-General ...".
_POST_PREFIXES = frozenset(("Assistant", "Deputy", "Executive", "Vice", "Acting", "Senior",
                            "Under", "Associate", "Principal"))


def _post_of_body(post: str, gz: Any) -> tuple[str, str | None]:
    """A post that ends with the body it is in: "Assistant Secretary-General for Economic
    Development of the United Nations" -> the post, "United Nations"."""
    for m in reversed(list(_OF.finditer(post))):
        hit = gz.resolve(post[m.end():])
        if hit is not None and hit.kind == "organization":
            return post[: m.start()], post[m.end():]
    return post, None


def _is_country(name: str) -> bool:
    from cepa_kg.loaders.actors import Gazetteer

    hit = Gazetteer.bundled().resolve(name.strip())
    return hit is not None and hit.kind == "country"


#: The lines under a name alone on its line: its post, then its body (a contact block).
_CONTACT_LINES = re.compile(r"[^\S\n]*\n[^\S\n]*(?P<post>[A-Z][^\n,;:.@]{2,80}?)[^\S\n]*\n[^\S\n]*"
                            r"(?P<body>[A-Z][^\n;:@]{1,100}?)[^\S\n]*(?:\n|$)")
#: Words that open a post of two words ("Prime Minister", "Vice President"): no given name.
_POST_PREFIXES_WORDS = _POST_PREFIXES | {"Prime", "Permanent", "Chief", "Foreign", "Finance"}
#: A programme's speaker: the name alone on its line, then "Post, Body" on the next (the body
#: perhaps on the line after, when the post's line ends with its comma): "Dr. Ana Reis" /
#: "Director, Division for Public Administration and" / "Development Management".
_POST_COMMA_LINE = re.compile(r"[^\S\n]*\n[^\S\n]*(?P<post>[A-Z][^\n,;:.@()]{2,60}?),[^\S\n]*"
                              r"(?:\n[^\S\n]*)?(?P<body>[A-Z][^\n;:@]{1,120}?)[^\S\n]*(?:\n|$)")
#: A name, then a post in lower case between commas (and the body after it): "A, head of the
#: Center for X at UNU-IIST,", "B, director, Division for Y, UNDESA;", "C, president, Estonia".
_NAME_LOWER_POST = screened(re.compile(
    rf"(?<![\w’'.-])(?P<name>{_WHOLE_TOK}(?:[ ](?:[A-Z]\.[ ])?{_WHOLE_TOK}){{1,2}}),[ ]"
    # ("Ana Reis, Brazilian president,": the post of the country the adjective names)
    r"(?:(?P<adj>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ](?=(?:vice[ -]|deputy[ ]|prime[ ]|foreign[ ])?"
    r"(?:president|minister|ambassador)\b))?"
    r"(?P<post>(?:deputy[ ]|vice[ -]|assistant[ ]|senior[ ]|executive[ ]|first[ ]|prime[ ]|"
    r"foreign[ ])?"
    r"(?:head|director(?:-general)?|professor|president|minister|chief|secretary(?:-general)?|"
    r"adviser|advisor|coordinator|manager|chair(?:man|person|woman)?|founder|dean|rector|"
    r"officer|commissioner|mayor|governor|ambassador)\b[^;,()\n]{0,100}?)"
    r"(?:(?=[;.]|[ ]and[ ]|[ ]was[ ]|[ ]is[ ])|,[ ](?P<body>[A-Z][^;,()\n]{2,100})(?=[;,.(]|$)|"
    r"(?=,))"))


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, adjectives in country_names().demonyms.items():
        if (info := country_info(code)) is not None:
            out.update((adj.casefold(), info.label) for adj in adjectives)
    return out


def _country_of_adjective(adjective: str) -> str | None:
    """The country an adjective names ("Brazilian" -> "Brazil"), by its UN name."""
    return _adjectives().get(adjective.casefold())


#: A name with no honorific, then its post in capitals between commas: "Mariam Al Suwaidi,
#: Minister of Community Development, has signed", "Ana Reis, Executive Director of X, and".
_NAME_COMMA_TITLE = screened(re.compile(
    rf"(?<![\w’'.-])(?P<name>{_WHOLE_TOK}(?:[ ]{_WHOLE_TOK}){{1,3}}),[ ]"
    r"(?P<post>(?:(?:Vice|Deputy|Assistant|Executive|Acting|Senior|Permanent|Prime|Chief|Under|"
    r"First)[ -])*(?:Minister|Director(?:-General|[ ]General)?|Head|President|"
    r"Secretary(?:-General|[ ]General)?|Chair(?:man|person|woman)?|Ambassador|Governor|Mayor|"
    r"Commissioner|Rector|Dean|Representative|CEO|Administrator|Coordinator|Adviser|Advisor)"
    r"\b[^,;.\n()]{0,100}?)(?=,|[.;](?:\s|$)|[ ]and[ ])"))
#: Where such a post gives its body: "head of X", "director-general of the Agency", "at Y".
_POST_SPLIT = re.compile(r"[ ](?:of|at|in|within)[ ](?:the[ ])?(?=[A-Z])")
#: A post in lower case words that ends with the word for the post ("Public Information Officer").
_LOWER_POST = re.compile(r"\b(?:Officer|Assistant|Associate|Intern|Specialist|Expert|Adviser|"
                         r"Advisor|Consultant)$")


def _named_from(a: ActorMention, actors: list[ActorMention]) -> int:
    """Where a body is first named: its acronym in brackets ("(UN-DESA)") goes back to the
    name written before it ("the United Nations Department of ... (UN-DESA)")."""
    named = next((b for b in actors if b.path == a.path and 0 < a.span.start - b.span.end <= 3),
                 None)
    return named.span.start if named is not None else a.span.start


class People:
    """Collects people over the whole document, then finds every mention of them per item."""

    def __init__(self, text: str, gz: Any) -> None:
        self.text = text
        self.gz = gz
        self.found: dict[str, dict[str, Any]] = {}  # key -> name, honorific, span, memberships
        self.short: list[tuple[str, str, Span]] = []  # (honorific, surname, span)
        self._hon_hits: dict[Span, list[re.Match[str]]] = {}  # item -> its honorific names
        #: a second post `_make` read after a slash, for the `_add` that follows it
        self.second: tuple[str, str] | None = None

    def _honorific_names(self, item: Span) -> list[re.Match[str]]:
        """"Mr. Name" matches in the item (`collect` and `mentions` both read them)."""
        hits = self._hon_hits.get(item)
        if hits is None:
            starts = (m.start() for m in _HON_START.finditer(self.text, item.start, item.end))
            hits = self._hon_hits[item] = list(
                matches_at(_HON_PERSON, self.text, starts, item.end))
        return hits

    def _membership(self, name_span: Span, limit: int) -> Membership | None:
        self.second = None
        ms = self._own_membership(name_span, limit)
        before = max(0, name_span.start - 300)
        if (ms is not None and ms.organization is not None) or \
                "led by" not in self.text[before: name_span.start]:
            return ms  # (most names: no delegation search)
        led = _LED_BY.search(self.text, before, name_span.start)
        if led is None:
            return ms
        # "A delegation of the Korea Institute ... (KIPA) led by its President, Dr. Han" and
        # "a delegation of the Permanent Mission of Bhutan ... led by H.E. Mr. Karma Dorji,
        # Permanent Representative": the one who leads a body's delegation is of that body
        org = next((a for a in find_actors(self.text, Span(led.start("org"), led.end("org")),
                                           self.gz) if a.kind == "organization"), None)
        if org is None:
            return ms
        title = (ms.title if ms is not None else None) or (
            clean(led.group("title")) if led.group("title") else None)
        if title is None:
            return ms
        whole = ms.span if ms is not None else Span(led.start("title"), name_span.end)
        return Membership(title=title, affiliation=clean(org.span.of(self.text)),
                          organization=org, span=whole, label=clean(whole.of(self.text)))

    def _posts_first(self, start: int) -> re.Match[str] | None:
        """The post written just before the name at `start` ("the Head of X, "), where the list
        it stands in goes post first: "attended by the Vice-Rector of X, Prof. A, the Head of
        Y, B, and the Councillor of Z, C" (not "by A, the Minister of X, B, the Rector of Y",
        whose posts follow the names: there the list opens with a name)."""
        text = self.text
        pre = _POST_BEFORE.search(text, max(0, start - 160), start)
        first = pre
        for _ in range(8):
            if first is None:
                return None
            lead = _LIST_NAME_BEFORE.search(text, max(0, first.start() - 80), first.start())
            if lead is None:
                return pre  # the list opens with a post
            first = _POST_BEFORE.search(text, max(0, lead.start() - 160), lead.start())
        return None

    def _own_membership(self, name_span: Span, limit: int) -> Membership | None:
        text = self.text
        if (pos := _POSITION.match(text, name_span.end, limit)) is not None:
            name_span = Span(name_span.start, pos.end())  # "Ana Reis (left), Head of X"
        if (pre_post := self._posts_first(name_span.start)) is not None:
            # the post, then the body its first "of" names ("the Director of the Jordanian
            # Institute of Public Administration")
            title, aff = pre_post.group("title"), pre_post.group("body")
            if title:
                title = title[:1].upper() + title[1:]  # ("the director of X, Ana Reis")
                start = pre_post.start("phrase")
                return self._make(Span(start, name_span.end), Span(start, start), title, aff,
                                  whole=Span(start, name_span.end))
        lines = _CONTACT_LINES.match(text, name_span.end)
        if lines is not None and (_TITLE_WORDS.search(lines.group("post"))
                                  or _LOWER_POST.search(lines.group("post"))):
            # a contact block: "Ms. Ana Reis" / "Governance and Public Administration Officer" /
            # "DPIDG/UN DESA" / "@email", a line each
            post = Span(lines.start("post"), lines.end("post"))
            unit = Span(lines.start("body"), lines.end("body"))
            return self._make(name_span, unit, post.of(text).strip(), unit.of(text).strip(),
                              whole=Span(name_span.start, unit.end))
        lined = _POST_COMMA_LINE.match(text, name_span.end)
        if lined is not None and _TITLE_WORDS.search(lined.group("post")):
            post = Span(lined.start("post"), lined.end("post"))
            unit = Span(lined.start("body"), lined.end("body"))
            return self._make(name_span, unit, post.of(text).strip(), unit.of(text).strip(),
                              whole=Span(name_span.start, unit.end))
        head = _HEADER_POST.match(text, name_span.end)
        if head is not None:
            # a statement's header: "Mr. A Under-Secretary-General for X" on one line, or
            # "Mr. A" over "United Nations Under Secretary General,"
            post = Span(head.start("post"), head.end("post"))
            return self._make(name_span, post, clean(post.of(text)), None,
                              whole=Span(name_span.start, post.end))
        after = text[name_span.end : limit]
        pre = _TITLE_BEFORE.search(text[max(0, name_span.start - 120) : name_span.start])
        bracket = re.match(r"\s*\(([^()]{2,120})\)", after)
        if bracket and _MEETING_ROLE.fullmatch(bracket.group(1).strip()):
            moved = Span(name_span.start, name_span.end + bracket.end())
            if after[bracket.end():bracket.end() + 2] == ", ":
                # "Ms. X(Co-Chair), Chief, Development Management Branch": her role in the
                # meeting, then her post
                return self._own_membership(moved, limit)
            inner = Span(name_span.end + bracket.start(1), name_span.end + bracket.end(1))
            return self._make(name_span, inner, bracket.group(1).strip(), None, whole=moved)
        if bracket:  # "Mr. Kang Min-jae (Head, UNPOG)"
            inner = Span(name_span.end + bracket.start(1), name_span.end + bracket.end(1))
            body = next((a for a in find_actors(text, inner, self.gz)
                         if a.kind == "organization" and a.span.start == inner.start
                         and a.span.end == inner.end), None)
            if body is not None:  # "Ms. X (Permanent Mission of Azerbaijan to the UN)"
                return self._make(name_span, inner, None, inner.of(text),
                                  whole=Span(name_span.start, name_span.end + bracket.end()))
            title, aff = _split_appositive(inner.of(text))
            if title and _TITLE_WORDS.search(title) or aff:
                return self._make(name_span, inner, title, aff,
                                  whole=Span(name_span.start, name_span.end + bracket.end()))
        if after[:1] == "," and after[1:2] in (" ", "\n"):  # (a line may wrap after it)
            app = _appositive(text, name_span.end + 2, limit)
            listed = _LIST_FROM.match(text, app.end, limit) if app is not None else None
            if app is not None and listed is not None and _TITLE_WORDS.search(app.of(text)):
                # "A, Chief of the X Branch, and B, Senior Officer, from DPIDG": each's post
                # as written, in the body the list ends with
                listed_in = _appositive(text, listed.end(), limit)
                if listed_in is not None:
                    return self._make(name_span, listed_in, app.of(text), listed_in.of(text),
                                      whole=Span(name_span.start, app.end))
            if app is not None:
                title, aff = _split_appositive(app.of(text))
                if title and _TITLE_WORDS.search(title) or (aff and not title):
                    return self._make(name_span, app, title, aff)
        role = _A_MEMBER_OF.match(after)
        if role:  # "Mr. Hiroshi Tanabe, a member of CEPA"
            app = _appositive(text, name_span.end + role.end(), limit)
            if app is not None:
                return self._make(name_span, app, role.group("title").capitalize(), app.of(text))
        m = _THEN_OF.match(after) or _FROM.match(after) or _PAIR_FROM.match(after)
        if m:  # "Ms. X from the Office ...", "Ms. X and Mr. Y from the Office ..."
            app = _appositive(text, name_span.end + m.end(), limit)
            if app is not None:
                return self._make(name_span, app, None, app.of(text))
        if pre is None and (phrase := _TITLE_PHRASE_BEFORE.search(
                text[max(0, name_span.start - 160): name_span.start])):
            # "the Minister of Digital Development of Kyrgyzstan, Mr. Temir Asanov", "DPADM
            # Interregional Adviser, Mr. Tomas Ferreira"
            title, aff = _split_appositive(phrase.group("phrase"))
            if (owned := _REPRESENTED_BY_ITS.match(phrase.group("phrase"))) is not None:
                # "APRM was represented by its Chief Executive Officer, Prof. A": the post
                # is of the body the sentence opens with
                title, aff = owned.group("title"), owned.group("owner")
            if title and _TITLE_WORDS.search(title):
                start = name_span.start - len(phrase.group(0)) + phrase.start("phrase") - \
                    phrase.start(0)
                return self._make(Span(start, name_span.end), Span(start, start), title, aff,
                                  whole=Span(start, name_span.end))
        if pre and _TITLE_WORDS.search(pre.group("title")):
            start = name_span.start - len(pre.group(0))
            return self._make(Span(start, name_span.end), Span(start, start), pre.group("title"),
                              pre.group("org"), whole=Span(start, name_span.end))
        return None

    def _apposed_role(self, name_span: Span, app: Span) -> Membership:
        """A role in lower case between commas ("governance officer at DPADM, UNDESA", "chair
        of a parliamentary committee"): the role, and the body after "at"/"of"/"with" when
        one is named (capitalised)."""
        role = app.of(self.text)
        at = _ROLE_AT.search(role)
        title, aff = (role[: at.start()], role[at.end():]) if at else (role, None)
        return self._make(name_span, app, clean(title), aff, whole=Span(name_span.start, app.end))

    def _make(self, name_span: Span, app: Span, title: str | None, aff: str | None, *,
              whole: Span | None = None) -> Membership:
        if aff and (two := _SECOND_POST.search(aff)) is not None and title:
            # "Chief, Public Administration Capacity Branch (PACB)/Acting Director, DPADM":
            # the first post here, the second kept for `_add` (`self.second`)
            second_title, second_aff = two.group("title"), two.group("aff")
            aff = aff[: two.start()]
            self.second = (second_title, second_aff)
        return self._make_one(name_span, app, title, aff, whole=whole)

    def _make_one(self, name_span: Span, app: Span, title: str | None, aff: str | None, *,
                  whole: Span | None = None) -> Membership:
        text = self.text
        whole = whole or Span(name_span.start, app.end)
        org = None
        if aff and (to_un := _TO_THE_UN.search(aff)) and to_un.start() > 0 and (
                (hit := self.gz.resolve(aff[:to_un.start()])) is not None
                and hit.kind == "country"):
            aff = aff[:to_un.start()]  # "Brazil to the United Nations": Brazil's representative
        where = _IN_COUNTRY.search(aff) if aff else None
        if aff and where and where.start() > 0 and _is_country(where.group(1)):
            aff = aff[:where.start()]  # "Centre for ... (CPSI) in South Africa": the Centre
        if aff:
            astart = text.find(aff, whole.start)
            aspan = Span(astart, astart + len(aff)) if astart >= 0 else whole
            cands = [a for a in find_actors(text, aspan, self.gz)
                     if a.kind in ("organization", "group", "country")]
            # "UN DESA’s Division for ...": the division, not its owner (unless the gazetteer
            # knows the division as another body's: "ECOSOC's Second Committee")
            owned = [b for a, b in zip(cands, cands[1:]) if _OWNED_AFTER.match(text, a.span.end)
                     and self.gz.is_unit_of(b.path, a.path)]
            if owned:
                org = owned[0]
            elif cands:
                org = min(cands, key=lambda a: (a.kind == "country", a.span))
            elif (alone := _HEAD_ALONE.fullmatch(clean(aff))) is not None:
                org = self._named_before(alone.group("head"), whole.start)
            else:
                hit = self.gz.resolve(clean(aff))
                if hit is not None and hit.kind in ("organization", "group"):
                    org = ActorMention(hit.path, hit.kind, hit.label, aspan)
                elif (unit := _UNIT_NAME.fullmatch(clean(aff))) is not None:
                    # "Chief, eGovernment Branch (EGB)": the unit the post names, as written
                    bare = unit.group("name")
                    org = ActorMention(f"actor/{slugify(bare, max_length=120)}", "organization",
                                       bare, aspan, False, unit.group("acronym"))
        if not title and (capacity := _CAPACITY.match(text, name_span.end,
                                                       min(len(text), name_span.end + 200))):
            title = capacity.group("title")  # "... led the discussions in her capacity as Chair"
        if org is None and (body := self._represented(name_span)) is not None:
            org = body  # "the Permanent Mission of X, represented by H.E. Mr. Y, ..."
        if title:  # "Marguerite X, the Rector of the United Nations University": "Rector"
            title = re.sub(r"^(?:the|a|an)\s+", "", clean(title), flags=re.I) or None
        return Membership(
            title=clean(title) if title else None,
            affiliation=clean(aff) if aff else None,
            organization=org,
            span=whole,
            label=clean(whole.of(text)),
        )

    def _named_before(self, head: str, at: int) -> ActorMention | None:
        """The body of that head word the text named last before `at` ("visited the School of
        Sciences ... hosted by X, the Dean of the School")."""
        window = Span(max(0, at - 600), at)
        named = [a for a in find_actors(self.text, window, self.gz)
                 if a.kind == "organization" and re.search(rf"\b{head}\b", a.label)]
        return named[-1] if named else None

    def _represented(self, name_span: Span) -> ActorMention | None:
        """The body a person represents where the text says "X, represented by [Mr.] Name"."""
        text = self.text
        window = Span(max(0, name_span.start - 200), name_span.start)
        by = _REPRESENTED_BY.search(text, window.start, window.end)
        if by is None:
            return None
        bodies = [a for a in find_actors(text, Span(window.start, by.start()), self.gz)
                  if a.kind == "organization" and by.start() - a.span.end <= 2]
        return bodies[-1] if bodies else None

    def _add(self, name: str, hon: str | None, span: Span, ms: Membership | None) -> None:
        lead = _LEADING_HON.match(name)
        if lead is not None and " " in name[lead.end():]:
            # "Ms Helen Carrow" read whole after a post ("CEPA Chairperson, Ms Helen Carrow"):
            # the person is Helen Carrow, the one the honorific reader found
            hon, name = hon or _norm_hon(lead.group("hon")), name[lead.end():]
            span = Span(span.start + lead.end(), span.end) if span.of(self.text).startswith(
                lead.group(0)) else span
        words = _name_words(name.split(), _POST_AFTER.match(self.text, span.end) is not None)
        if not words or (len(words) == 1 and _TITLE_WORDS.fullmatch(words[0])) or \
                words[-1] in _ADDRESSED or words[-1] in _POST_NOUNS or (
                    len(words) == 2 and words[0] in _POST_PREFIXES_WORDS
                    and _TITLE_WORDS.fullmatch(words[1])):  # ("the Honourable Prime Minister")
            # "Minister Verhoeven,": a post read as a name; "Honourable Ministers,"; a post
            # between commas ("Ana Reis (UK), Independent Consultant, Chair of ...")
            return
        if len(words) < len(name.split()):
            name = " ".join(words)
            span = Span(span.start, span.start + len(span.of(self.text).split(words[-1])[0])
                        + len(words[-1]))
        key = person_key(name)
        rec = self.found.setdefault(key, {"name": clean(name), "hon": hon, "span": span,
                                          "ms": []})
        if rec["hon"] is None and hon:
            rec["hon"] = hon
        second, self.second = self.second, None
        if ms and ms.affiliation is None and any(m.title == ms.title for m in rec["ms"]):
            ms = None  # ("ITU Secretary-General A": the post read again without its body)
        if ms and ms.affiliation is not None:  # (... or the body read after the bare post)
            rec["ms"] = [m for m in rec["ms"] if m.title != ms.title or m.affiliation]
        if ms and all((m.title, m.affiliation) != (ms.title, ms.affiliation) for m in rec["ms"]):
            rec["ms"].append(ms)
            if second is not None:  # the post after a slash: a membership of its own
                rec["ms"].append(self._make_one(span, ms.span, *second, whole=ms.span))

    def _no_person(self, name: str, nspan: Span, actors: list[Span]) -> bool:
        """A name a post reader found that is no person's: a word no name has, a body or place
        the gazetteer knows, or inside an organisation's name."""
        return any(tok in _NOT_NAME for tok in name.split()) or \
            self.gz.resolve(name) is not None or \
            any(nspan.start < a.end and a.start < nspan.end for a in actors)

    def _no_speaker(self, name: str, nspan: Span, actors: list[Span]) -> bool:
        """`_no_person`, or a name with a post's word in it ("Director Ana")."""
        return any(_TITLE_WORDS.fullmatch(tok) for tok in name.split()) or \
            self._no_person(name, nspan, actors)

    def collect(self, item: Span, actors_in_item: list[ActorMention] | None = None) -> None:
        """Read the people an item names. `actors_in_item`: `find_actors` over the item, when
        the caller has it already."""
        text = self.text
        if actors_in_item is None:
            actors_in_item = find_actors(text, item, self.gz)
        actors = [a.span for a in actors_in_item]
        for m in self._honorific_names(item):
            name, hon = m.group("name"), _norm_hon(m.group("hon"))
            nspan = Span(m.start(), m.end())
            owned = _POSSESSIVE_END.search(name)
            if owned:  # "Mr. Sang-woo Baek's opening remarks": the name without its "'s"
                name = name[: owned.start()]
                nspan = Span(m.start(), m.start("name") + owned.start())
            last = name.rsplit(" ", 1)[-1]
            if last.isupper() and " " in name and self.gz.resolve(last) is not None:
                name = name[: -len(last) - 1]  # "Mr. Ana Reis UNDP": an acronym, no name
                nspan = Span(nspan.start, nspan.end - len(last) - 1)
            cut = min((a.start for a in actors if nspan.start < a.start < nspan.end), default=None)
            if cut is not None and m.start("name") < cut:
                # "Mr. Ana Reis Under-Secretary-General for ...": a post the gazetteer knows
                # after the name, with no comma
                kept = text[m.start("name"): cut].rstrip(" -")
                if len(kept.split()) >= 2:
                    name, nspan = kept, Span(nspan.start, m.start("name") + len(kept))
            if any(nspan.start < a.end and a.start < nspan.end for a in actors):
                continue
            words = name.split()
            post_at = next((i for i, w in enumerate(words) if i >= 2 and (
                _TITLE_WORDS.fullmatch(w) or w.endswith("Secretary-General"))), None)
            if post_at is not None and text.startswith(name, nspan.end - len(name)):
                # "Mr. Qian Zhaolin Under-Secretary-General for ...": the post after the name
                name = " ".join(words[:post_at])
                nspan = Span(nspan.start, nspan.end - len(" ".join(words[post_at:])) - 1)
            if " " not in name:
                self.short.append((hon, name, nspan))
                continue
            limit = sentence_end(text, nspan.end, item.end)
            self._add(name, hon, nspan, self._membership(nspan, limit))
        self._pairs(item, actors_in_item)
        self._shared(item, actors_in_item)
        for m in _TITLED_PERSON.finditer(text, item.start, item.end):
            name = m.group("name")
            if any(t in _NOT_NAME for t in name.split()):
                continue
            nspan = Span(m.start("name"), m.end("name"))
            if any(nspan.start < a.end and a.start < nspan.end for a in actors):
                continue
            if _NAME_GOES_ON.search(text[max(0, nspan.start - 30) : nspan.start]):
                continue
            limit = sentence_end(text, nspan.end, item.end)
            ms = self._membership(nspan, limit)
            if ms is not None and ms.title:
                self._add(name, None, nspan, ms)
        for m in _POST_THEN_NAME.finditer(text, item.start, item.end):
            name = m.group("name")
            if any(tok in _NOT_NAME for tok in name.split()) or \
                    self.gz.resolve(name) is not None:
                continue
            nspan = Span(m.start("name"), m.end("name"))
            if any(nspan.start < a.end and a.start < nspan.end for a in actors):
                continue
            whole = Span(m.start(), m.end("name"))
            org = m.group("org")
            aff: str | None = org[:-2] if org.endswith(("’s", "'s")) else org
            title = clean(m.group("title"))
            first = _GIVEN_IN_TITLE.search(title)
            if first is not None:  # "UN Secretary-General Rafael | Quintero Alves": a name of
                name = f"{first.group('given')} {name}"  # three words, its first read as
                title = title[: first.start("given")].rstrip()  # the post's
                nspan = Span(m.start("title") + m.group("title").rfind(first.group("given")),
                             nspan.end)
            if org in _POST_PREFIXES:  # "Assistant Secretary-General for X of the United
                title, aff = _post_of_body(f"{org} {title}", self.gz)  # Nations Ann Lee"
            self._add(name, None, nspan, self._make(nspan, Span(m.start(), m.start()),
                                                    title, aff, whole=whole))
        for m in _POST_OF_BODY_NAME.finditer(text, item.start, item.end):
            # "Chairman of the X Agency Ana Reis,": the post and its body before the name
            run = m.group("run")
            end = _NAME_AT_END.search(run)
            if end is None or end.start() == 0:
                continue
            name, body = end.group("name"), run[: end.start()]
            nspan = Span(m.start("run") + end.start("name"), m.start("run") + end.end("name"))
            if any(tok in _NOT_NAME or _TITLE_WORDS.fullmatch(tok) or ORG_HEAD.search(tok)
                   for tok in name.split()) or self.gz.resolve(name) is not None or \
                    body.endswith((" of", " for", " and", " the", " on")) or \
                    any(nspan.start < a.end and a.start < nspan.end for a in actors):
                continue
            title = m.group("title")
            if self.gz.resolve(body) is None and (part := _FOR_PART.search(body)) is not None \
                    and self.gz.resolve(body[: part.start()]) is not None:
                # "Under-Secretary-General of the United Nations for Economic and Social
                # Affairs": the post for its field, in the United Nations
                title, body = f"{title} for {body[part.end():]}", body[: part.start()]
            hon = end.group("hon")
            self._add(name, _norm_hon(hon) if hon else None, nspan,
                      self._make(nspan, Span(m.start(), m.start()), title, body,
                                 whole=Span(m.start(), nspan.end)))
        for m in _POST_COMMA_NAME.finditer(text, item.start, item.end):
            # "and the Councillor of X, Ana Reis.", "the director of UNU-EGOV, Ana Reis, and"
            name = m.group("name")
            nspan = Span(m.start("name"), m.end("name"))
            if person_key(name) in self.found or any(tok in _NOT_NAME for tok in name.split()) \
                    or self.gz.resolve(name) is not None or \
                    any(nspan.start < a.end and a.start < nspan.end for a in actors):
                continue
            ms = self._membership(nspan, sentence_end(text, nspan.end, item.end))
            if ms is not None and ms.title:
                self._add(name, None, nspan, ms)
        for m in (_NAME_LOWER_POST.finditer(text, item.start, item.end)
                  if ", " in text[item.start: item.end] else ()):
            # "A, head of the Center for X at UNU-IIST, was interviewed", "B, director,
            # Division for Y, UNDESA": a post in lower case after a name
            name = m.group("name")
            nspan = Span(m.start("name"), m.end("name"))
            if person_key(name) in self.found or self._no_person(name, nspan, actors):
                continue
            post = m.group("post")
            split = _POST_SPLIT.search(post)
            title, aff = (post[: split.start()], post[split.end():]) if split else (
                post, m.group("body"))
            if m.group("adj"):
                country_name = _country_of_adjective(m.group("adj"))
                if country_name is None:
                    continue  # ("A, Senior president": no country's adjective)
                aff = country_name
            self._add(name, None, nspan, self._make(
                nspan, Span(m.start("post"), m.end()), clean(title), clean(aff) if aff else None,
                whole=Span(nspan.start, m.end())))
        for m in (_NAME_COMMA_TITLE.finditer(text, item.start, item.end)
                  if ", " in text[item.start: item.end] else ()):
            name = m.group("name")
            nspan = Span(m.start("name"), m.end("name"))
            if person_key(name) in self.found or self._no_person(name, nspan, actors) or \
                    any(_TITLE_WORDS.fullmatch(w) or ORG_HEAD.search(w) for w in name.split()):
                continue
            post_title, post_body = _split_appositive(m.group("post"))
            if post_body and self.gz.resolve(post_body) is None and \
                    not ORG_HEAD.search(post_body):
                post_title, post_body = clean(m.group("post")), None  # ("Minister of
                # Community Development": a portfolio, no body)
            if post_title and _TITLE_WORDS.search(post_title):
                self._add(name, None, nspan, self._make(
                    nspan, Span(m.start("post"), m.end("post")), post_title, post_body,
                    whole=Span(nspan.start, m.end("post"))))
        for m in _POST_SURNAME.finditer(text, item.start, item.end):
            # "Minister Verhoeven,", "I thank Secretary-General Halvorsen for": a post and a
            # surname alone (a full name written elsewhere takes it: `finish`)
            name = m.group("name")
            nspan = Span(m.start("name"), m.end("name"))
            if _TITLE_WORDS.fullmatch(name) or self._no_person(name, nspan, actors):
                continue
            self._add(name, None, nspan, self._make(nspan, Span(m.start(), m.start()),
                                                    m.group("title"), None,
                                                    whole=Span(m.start(), nspan.end)))
        # "CEPA member Ms. Ana Reis (Senegal)": the Committee's member, named so; "Finance
        # Minister Hon. Ana Reis;", "Governor Dr. Ana Reis": the post before the honorific
        for m in (*_BODY_ROLE_NAME.finditer(text, item.start, item.end),
                  *_POST_HON_NAME.finditer(text, item.start, item.end)):
            name, hon, title = m.group("name"), m.group("hon"), m.group("title")
            nspan = Span(m.start("name"), m.end("name"))
            if self._no_person(name, nspan, actors):
                continue
            self._add(name, _norm_hon(hon.split()[-1]) if hon else None, nspan, self._make(
                nspan, Span(m.start(), m.start()), title[:1].upper() + title[1:],
                m.groupdict().get("body"), whole=Span(m.start(), nspan.end)))
        for name, nspan, org in _owned_names(text, item):
            if self._no_person(name, nspan, actors) or any(
                    _TITLE_WORDS.fullmatch(w) or w.endswith("Secretary-General")
                    for w in name.split()):
                continue  # ("UNDESA's Under-Secretary-General X said": a post, read elsewhere)
            start = nspan.start - 3 - len(org)
            self._add(name, None, nspan, self._make(nspan, Span(start, start), None, org,
                                                    whole=Span(start, nspan.end)))
        for m in _POST_OTHER.finditer(text, item.start, item.end):
            name = m.group("name")
            nspan = Span(m.start("name"), m.end("name"))
            if self._no_person(name, nspan, actors):
                continue
            of = m.group("of")
            self._add(name, None, nspan, self._make(
                nspan, Span(m.start(), m.start()), m.group("title"),
                _OF_WORD.sub("", of) if of else None, whole=Span(m.start("title"), nspan.end)))
        segment = text[item.start:item.end]
        prefixed = any(word in segment for word in _PREFIX_POST_WORDS)
        for m in (_PREFIX_POST.finditer(text, item.start, item.end) if prefixed else ()):
            # "President Ana Reis of Uruguay": the post as the name's prefix
            name = m.group("name")
            nspan = Span(m.start("name"), m.end("name"))
            if self._no_person(name, nspan, actors):
                continue
            whole = Span(m.start(), m.end())
            self._add(name, None, nspan, self._make(nspan, Span(m.start(), m.start()),
                                                    m.group("title"), m.group("of") or
                                                    m.group("body"), whole=whole))
        for verb in _SPEECH_VERB.finditer(text, item.start, item.end):
            speaker = _SPEAKER.search(text, max(item.start, verb.start() - _SPEAKER_REACH),
                                      verb.start())
            apposed = None if speaker is not None else _SPEAKER_APPOSED.search(
                text, max(item.start, verb.start() - _SPEAKER_REACH - 120), verb.start())
            of_body = None if speaker or apposed else _SPEAKER_OF_BODY.search(
                text, max(item.start, verb.start() - _SPEAKER_REACH - 120), verb.start())
            if of_body is not None and not all(
                    (b := self.gz.resolve(piece.strip())) is not None and b.kind == "organization"
                    for piece in of_body.group("body").split(",")):
                of_body = None  # (every piece between the commas a body the gazetteer knows)
            found = speaker or apposed or of_body
            if found is None:
                continue
            name = found.group("name")
            nspan = Span(found.start("name"), found.end("name"))
            if self._no_speaker(name, nspan, actors):
                continue
            ms = None if apposed is None else self._membership(
                nspan, sentence_end(text, nspan.end, item.end))
            if apposed is not None and (ms is None or not ms.title):
                ms = self._apposed_role(nspan, Span(nspan.end + 2, apposed.end() - 2))
            if of_body is not None:  # (read only where the other two found no one)
                body = Span(of_body.start("body"), of_body.end("body"))
                first_body = body.of(text).split(",")[0]
                ms = self._make(nspan, body, None, first_body.strip(),
                                whole=Span(nspan.start, body.end))
            self._add(name, None, nspan, ms)
        for m in _SIGNATURE.finditer(text, item.start, item.end):
            family, given = m.group("family"), m.group("given")
            if given in _NOT_NAME or self.gz.resolve(family) is not None:
                continue  # "CEPA Secretariat", "UNPOG Seoul": a body, not a signature
            self._add(m.group("name"), None, Span(m.start("name"), m.end("name")), None)
        for m in _SPEAKER_LIST.finditer(text, item.start, item.end):
            self._speakers(m.end(), sentence_end(text, m.end(), item.end), actors)
        if _HANGUL.search(text, item.start, item.end):
            self._korean(item)

    def _speakers(self, start: int, end: int, actors: list[Span]) -> None:
        """The names a list of speakers gives with no honorific: "Speakers included A of UN
        DESA, B, Chief of X, and C": each piece a name alone or a name "of"/"from" a body the
        gazetteer knows (a post between commas is no one, and ends the reading of its piece)."""
        text = self.text
        pos = start
        for cut in (*_LIST_CUT.finditer(text, start, end), None):
            piece = Span(pos, cut.start() if cut is not None else end).strip(text, " .;:")
            pos = cut.end() if cut is not None else end
            m = _LISTED_SPEAKER.fullmatch(text, piece.start, piece.end)
            if m is None:
                continue
            name = m.group("name")
            nspan = Span(m.start("name"), m.end("name"))
            if self._no_speaker(name, nspan, actors):
                continue
            org = m.group("org")
            body = self.gz.resolve(org) if org else None
            if org and (body is None or body.kind != "organization"):
                continue  # "A from the city": no body the gazetteer knows
            ms = self._make(nspan, Span(nspan.end, m.end()), None, org,
                            whole=Span(nspan.start, m.end())) if org else None
            self._add(name, None, nspan, ms)

    def _korean(self, item: Span) -> None:
        """People a Korean text names: "조현석 안행부 장관은" (the name, perhaps a body, the
        post), "유엔거버넌스센터(원장 윤석호)" (the post and the name in brackets)."""
        text = self.text
        for pattern in (_KO_PERSON, _KO_POST_NAME):
            for m in pattern.finditer(text, item.start, item.end):
                if m.group("name").startswith(_KO_NOT_NAME):
                    continue
                name, whole = Span(m.start("name"), m.end("name")), Span(m.start(), m.end())
                self._add(m.group("name"), None, name, self._make_one(
                    name, whole, m.group("post"), m.groupdict().get("org"), whole=whole))

    def belong(self, line: Span, body: ActorMention) -> None:
        """The people a line lists under a body's label ("DSD/UNDESA" then "Ms. Hanna X")
        came for that body: theirs where the line gives them none."""
        for m in _HON_PERSON.finditer(self.text, line.start, line.end):
            rec = self.found.get(person_key(m.group("name")))
            if rec is None or any(ms.organization is not None for ms in rec["ms"]):
                continue
            span = Span(m.start(), m.end())
            rec["ms"].append(Membership(title=None, affiliation=body.label, organization=body,
                                        span=span, label=clean(span.of(self.text))))

    def _pairs(self, item: Span, actors: list[ActorMention]) -> None:
        """Two people given one post in the plural: "experts from the X (ACR) Ms. A and Mr. B,
        senior advisors on e-government, arrived ...": each an adviser of X."""
        text = self.text
        for post in _PLURAL_POST.finditer(text, item.start, item.end):
            m = _PAIR_POST.search(text, max(item.start, post.start() - _PAIR_REACH),
                                  min(item.end, post.end() + _PAIR_REACH))
            if m is None or m.start("title") != post.start() + 2:
                continue
            before = [a for a in actors if a.kind == "organization"
                      and 0 <= m.start() - a.span.end <= 2 and _BODY_OF_PEOPLE.search(
                          text, max(0, (named := _named_from(a, actors)) - 60), named)]
            org = before[-1] if before else None
            title = clean(m.group("title"))
            for n in ("first", "second"):
                nspan = Span(m.start(n), m.end(n))
                whole = Span(nspan.start, m.end("title"))
                self._add(m.group(n), _norm_hon(m.group(n + "_hon")), nspan, Membership(
                    title=title, affiliation=clean(org.span.of(text)) if org else None,
                    organization=org, span=whole, label=clean(whole.of(text))))

    def _shared(self, item: Span, actors: list[ActorMention]) -> None:
        """Two people, then the body they share (`_SHARED_CUE`); a body's staff, then their
        names (`_STAFF_OF`): each person of that body, with the post in the singular."""
        text = self.text
        for cue in _SHARED_CUE.finditer(text, item.start, item.end):
            m = _PAIR_BEFORE.search(text, max(item.start, cue.start() - 90), cue.start())
            if m is None:
                continue
            names = [(m.group(n), m.group(n + "_hon"), Span(m.start(n), m.end(n)))
                     for n in ("first", "second")]
            if any(tok in _NOT_NAME for name, _, _ in names for tok in name.split()) or \
                    any(self.gz.resolve(name) is not None for name, _, _ in names) or \
                    any(sp.start < a.span.end and a.span.start < sp.end
                        for _, _, sp in names for a in actors):
                continue
            app = _appositive(text, cue.end(), sentence_end(text, cue.end(), item.end))
            if app is None:
                continue
            post = cue.group("post")
            title = post[:-1] if post else None  # "Researchers": each a Researcher
            for name, hon, nspan in names:
                self._add(name, _norm_hon(hon) if hon else None, nspan, self._make(
                    nspan, app, title, app.of(text), whole=Span(nspan.start, app.end)))
        for staff in _STAFF_OF.finditer(text, item.start, item.end):
            org = next((a for a in actors if a.span.start == staff.start("org") and
                        a.kind == "organization"), None)
            listed = _LISTED_NAMES.match(text, staff.end(), item.end)
            if org is None or listed is None:
                continue
            for m in _HON_PERSON.finditer(text, listed.start(), listed.end()):
                rec = self.found.get(person_key(m.group("name")))
                if rec is None or any(ms.organization is not None for ms in rec["ms"]):
                    continue
                span = Span(staff.start(), m.end())
                rec["ms"].append(Membership(title=None, affiliation=org.label, organization=org,
                                            span=span, label=clean(span.of(text))))

    def finish(self) -> tuple[Person, ...]:
        for hon, surname, span in self.short:
            key = self._by_surname(surname)
            if key is None and (given := self._given_before(surname)) is not None:
                # "Marisol Quarrie at the United Nations ... Dr. Quarrie adds": the name the
                # page gave in full
                name, nspan = given
                self._add(name, hon, nspan, None)
                key = self._by_surname(surname)
            if key is None:
                self._add(surname, hon, span, None)
            elif self.found[key]["hon"] is None:
                self.found[key]["hon"] = hon
        people = [
            Person(key, r["name"], r["hon"], r["span"], tuple(r["ms"]))
            for key, r in self.found.items()
        ]
        self.persons = tuple(sorted(people, key=lambda p: p.span))
        self._patterns = [
            (p.key, p.name.split()[0],
             re.compile(r"\b" + r"\s+".join(re.escape(t) for t in p.name.split()) + r"\b"))
            for p in self.persons
            if " " in p.name
        ]
        return self.persons

    def _given_before(self, surname: str) -> tuple[str, Span] | None:
        """The first place the page writes a surname after one or two given names, with no
        honorific ("Marisol Quarrie of the university", "l'experte, Leïla Haddaoui, a
        présenté"): words no name has, posts and known bodies are no given names; of several,
        the shortest ("Photo Ana Reis" above "Ana Reis (Chile)": a caption's word)."""
        found: list[tuple[str, Span]] = []
        for m in re.finditer(rf"(?P<given>(?:{_WHOLE_TOK}[ ]){{1,2}}){re.escape(surname)}"
                             r"(?![\w’'-])", self.text):
            if m.start() and (self.text[m.start() - 1].isalnum() or
                              self.text[m.start() - 1] in "’'-"):
                continue
            given = m.group("given").split()
            while given and (given[0] in _NOT_NAME or _TITLE_WORDS.fullmatch(given[0]) or
                             self.gz.resolve(given[0]) is not None):
                given = given[1:]
            if not given or any(g in _NOT_NAME or _TITLE_WORDS.fullmatch(g) for g in given):
                continue
            start = m.start("given") + m.group("given").index(given[0])
            found.append((" ".join((*given, surname)), Span(start, m.end())))
        return min(found, key=lambda f: len(f[0].split()), default=None)

    def _by_surname(self, surname: str) -> str | None:
        keys = [k for k, r in self.found.items()
                if " " in r["name"] and person_key(r["name"].split()[-1]) == person_key(surname)]
        return keys[0] if len(keys) == 1 else None

    def mentions(self, item: Span) -> tuple[tuple[PersonMention, ...], list[tuple[Span, str]]]:
        """Each person named in the item (first mention), and every span naming someone."""
        text = self.text
        hits: list[tuple[Span, str]] = []
        for m in self._honorific_names(item):
            name = m.group("name")
            key = person_key(name) if " " in name else (self._by_surname(name) or person_key(name))
            if key in self.found:
                hits.append((Span(m.start(), m.end()), key))
        written = text[item.start : item.end]
        for key, first, rx in self._patterns:
            if first not in written:  # every match starts with the first name as written
                continue
            for m in rx.finditer(text, item.start, item.end):
                s = Span(m.start(), m.end())
                if not any(h.start <= s.start < h.end for h, _ in hits):
                    hits.append((s, key))
        hits.sort()
        firsts: dict[str, PersonMention] = {}
        for s, key in hits:
            firsts.setdefault(key, PersonMention(key, s))
        return tuple(firsts.values()), hits


def names_a_post(text: str) -> bool:
    """Whether `text` names a post ("Director", "Under-Secretary-General"): a header that
    names none names no speaker."""
    return _TITLE_WORDS.search(text) is not None


def _norm_hon(h: str) -> str:
    h = h.rstrip(".")
    return "Prof." if h == "Professor" else "Hon." if h.startswith("Hon") else \
        "Mme" if h == "Madame" else "M." if h == "Monsieur" else \
        "H.E." if h.endswith("Excellency") else h + "."


def _name_words(words: list[str], post_follows: bool) -> list[str]:
    """A name's words without what was read into it: a headline's verb and what follows it
    ("Ana Reis Joins", "Ana Reis Takes Part"), a post after it ("Ana Reis
    Under-Secretary-General"), and the words that open a post ("Ana Reis Interregional" before
    "Advisor"; `post_follows`: a post word comes next)."""
    words = next((list(words[:i]) for i, w in enumerate(words) if w in _HEADLINE_VERB),
                 list(words))
    post_read = False
    while len(words) >= 3 and _TITLE_WORDS.fullmatch(words[-1]):
        words.pop()
        post_read = True
    if post_read or post_follows:
        while len(words) > 2 and words[-1] in _POST_MODIFIERS:
            words.pop()
    return words


def people_named(text: str, gz: Any) -> tuple[Person, ...]:
    """Everyone the page names as a person, read over the whole page as one item (a page
    about one thing: a session's news, a project's page), with the posts the page gives."""
    people = People(text, gz)
    people.collect(Span(0, len(text)))
    return people.finish()

