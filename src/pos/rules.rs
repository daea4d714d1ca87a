//! A lexicon-and-context tagger: closed-class word lists, verb morphology, a list of known
//! verb lemmas, and a few left-context rules. Fast (one pass, no model) and predictable; the
//! fallback when no statistical model is available.

use std::collections::HashSet;

use super::PosTagger;
use crate::annotate::{Tag, Token, VerbForm};

/// Irregular verbs: (base, past, participle). Both forms lemmatize to the base.
const IRREGULAR_VERBS: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("be", "was", "been"),
    ("bear", "bore", "borne"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("broadcast", "broadcast", "broadcast"),
    ("build", "built", "built"),
    ("burn", "burnt", "burnt"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("cling", "clung", "clung"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("creep", "crept", "crept"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fling", "flung", "flung"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forecast", "forecast", "forecast"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grind", "ground", "ground"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("light", "lit", "lit"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("overcome", "overcame", "overcome"),
    ("overrun", "overran", "overrun"),
    ("oversee", "oversaw", "overseen"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("rid", "rid", "rid"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shed", "shed", "shed"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("slay", "slew", "slain"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck"),
    ("strive", "strove", "striven"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undergo", "underwent", "undergone"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("upset", "upset", "upset"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("weep", "wept", "wept"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("withstand", "withstood", "withstood"),
    ("write", "wrote", "written"),
    ("shrink", "shrank", "shrunk"),
    ("spin", "spun", "spun"),
    ("bid", "bid", "bid"),
    ("wind", "wound", "wound"),
    ("forsake", "forsook", "forsaken"),
    ("befall", "befell", "befallen"),
    ("outdo", "outdid", "outdone"),
    ("hurl", "hurled", "hurled"),
];

/// Irregular plural nouns: (plural, singular).
const IRREGULAR_NOUNS: &[(&str, &str)] = &[
    ("lives", "life"),
    ("wives", "wife"),
    ("knives", "knife"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("people", "people"),
    ("police", "police"),
    ("feet", "foot"),
    ("thieves", "thief"),
    ("leaves", "leaf"),
    ("halves", "half"),
    ("chiefs", "chief"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
    ("theses", "thesis"),
    ("bases", "base"),
    ("news", "news"),
    ("series", "series"),
    ("species", "species"),
    ("arms", "arms"),
    ("talks", "talk"),
    ("militia", "militia"),
    ("personnel", "personnel"),
    ("data", "data"),
    ("media", "media"),
    ("criteria", "criterion"),
    ("phenomena", "phenomenon"),
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "some", "any", "each", "every", "no", "all", "both", "another",
    "either", "neither", "such", "what", "which", "whose", "several", "many", "few", "much", "more", "most", "other",
    "own",
];
const PRONOUNS: &[&str] = &[
    "i",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "me",
    "him",
    "her",
    "us",
    "them",
    "my",
    "your",
    "his",
    "its",
    "our",
    "their",
    "mine",
    "yours",
    "hers",
    "ours",
    "theirs",
    "myself",
    "yourself",
    "himself",
    "herself",
    "itself",
    "ourselves",
    "themselves",
    "who",
    "whom",
    "someone",
    "somebody",
    "anyone",
    "everyone",
    "nobody",
    "none",
    "something",
    "anything",
    "everything",
    "nothing",
    "one",
    "ones",
    "there",
];
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "into",
    "onto",
    "over",
    "under",
    "about",
    "against",
    "during",
    "since",
    "after",
    "before",
    "between",
    "among",
    "amongst",
    "through",
    "across",
    "towards",
    "toward",
    "within",
    "without",
    "despite",
    "amid",
    "amidst",
    "near",
    "via",
    "per",
    "upon",
    "throughout",
    "beyond",
    "behind",
    "above",
    "below",
    "beside",
    "besides",
    "along",
    "around",
    "inside",
    "outside",
    "off",
    "out",
    "up",
    "down",
    "like",
    "unlike",
    "than",
    "except",
    "including",
    "regarding",
    "concerning",
    "following",
    "until",
    "till",
    "to",
    "as",
    "versus",
    "vs.",
    "beneath",
    "underneath",
    "alongside",
    "past",
];
const SUBORDINATORS: &[&str] = &[
    "that", "because", "while", "although", "though", "if", "whether", "when", "whenever", "where", "whereas",
    "unless", "once", "so", "why", "how",
];
const CONJUNCTIONS: &[&str] = &["and", "or", "but", "nor", "&", "yet"];
const MODALS: &[&str] =
    &["will", "would", "can", "could", "may", "might", "shall", "should", "must", "ca", "wo", "'ll", "'d"];
const ADVERBS: &[&str] = &[
    "not",
    "n't",
    "never",
    "also",
    "still",
    "already",
    "now",
    "then",
    "just",
    "only",
    "even",
    "very",
    "too",
    "again",
    "soon",
    "later",
    "earlier",
    "often",
    "always",
    "once",
    "here",
    "there",
    "yet",
    "ever",
    "almost",
    "nearly",
    "rather",
    "quite",
    "perhaps",
    "maybe",
    "however",
    "meanwhile",
    "instead",
    "together",
    "away",
    "back",
    "long",
    "well",
    "far",
    "ago",
    "further",
    "furthermore",
    "moreover",
    "thus",
    "therefore",
    "otherwise",
    "reportedly",
    "allegedly",
    "apparently",
    "immediately",
    "recently",
    "currently",
    "previously",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "abroad",
    "overseas",
    "home",
    "ahead",
    "anyway",
    "either",
    "else",
];
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "trillion",
];
const ADJECTIVES: &[&str] = &[
    "new",
    "former",
    "late",
    "interim",
    "acting",
    "key",
    "good",
    "bad",
    "big",
    "small",
    "large",
    "major",
    "military",
    "political",
    "economic",
    "foreign",
    "senior",
    "top",
    "chief",
    "local",
    "national",
    "international",
    "several",
    "many",
    "few",
    "first",
    "last",
    "next",
    "recent",
    "unknown",
    "uncertain",
    "clear",
    "willing",
    "able",
    "likely",
    "unlikely",
    "due",
    "direct",
    "informal",
    "elite",
    "equal",
    "own",
    "past",
    "secret",
    "strong",
    "weak",
    "high",
    "low",
    "undeniable",
    "key",
    "main",
    "armed",
    "civil",
    "public",
    "private",
    "official",
    "social",
    "socialist",
    "communist",
    "leftist",
    "oil-rich",
    "much-needed",
    "clandestine",
    "unilateral",
    "prominent",
    "significant",
    "confidential",
    "careful",
    "failed",
    "free",
    "full",
    "early",
];
/// Common verbs that carry no inflection in the present ("they attack") and so need a
/// lexicon to be recognised; extended with the action dictionary's head verbs.
const COMMON_VERBS: &[&str] = &[
    "say",
    "tell",
    "ask",
    "accuse",
    "attack",
    "kill",
    "meet",
    "visit",
    "talk",
    "want",
    "need",
    "seek",
    "call",
    "urge",
    "warn",
    "threaten",
    "deny",
    "reject",
    "agree",
    "sign",
    "support",
    "help",
    "fight",
    "protest",
    "condemn",
    "criticize",
    "criticise",
    "arrest",
    "detain",
    "leave",
    "remain",
    "work",
    "provide",
    "sell",
    "ship",
    "keep",
    "throw",
    "hold",
    "plan",
    "try",
    "pledge",
    "resist",
    "admit",
    "depend",
    "indicate",
    "start",
    "end",
    "believe",
    "align",
    "advance",
    "eye",
    "make",
    "take",
    "give",
    "send",
    "impose",
    "lift",
    "cut",
    "block",
    "capture",
    "claim",
    "show",
    "see",
    "know",
    "think",
    "expect",
    "continue",
    "begin",
    "become",
    "seem",
    "appear",
    "allow",
    "refuse",
    "demand",
    "offer",
    "promise",
    "vow",
    "insist",
    "announce",
    "report",
    "confirm",
    "treat",
    "calm",
    "pan",
    "use",
    "get",
    "put",
    "set",
    "run",
    "lead",
    "move",
    "stop",
    "win",
];

/// Closed-class tags are a finite list: a statistical tagger's PRON or DET on a word that is no
/// pronoun or determiner ("the Azerbaijani *parliament*") is a noun.
pub(crate) fn repair_closed_classes(tokens: &mut [Token]) {
    for t in tokens.iter_mut() {
        let bad = match t.tag {
            Tag::PRON => {
                !in_list(PRONOUNS, &t.norm)
                    && !matches!(
                        t.norm.as_str(),
                        "that"
                            | "which"
                            | "what"
                            | "whose"
                            | "whoever"
                            | "whatever"
                            | "each"
                            | "all"
                            | "both"
                            | "some"
                            | "any"
                            | "many"
                            | "much"
                            | "few"
                            | "several"
                            | "this"
                            | "these"
                            | "those"
                            | "another"
                            | "other"
                            | "others"
                            | "either"
                            | "neither"
                            | "such"
                            | "'s"
                            | "yourselves"
                            | "thee"
                            | "thou"
                            | "ye"
                            | "u"
                            | "y'all"
                            | "em"
                            | "'em"
                            | "ya"
                            | "hisself"
                            | "oneself"
                            | "whichever"
                            | "somewhere"
                            | "anywhere"
                            | "everybody"
                            | "anybody"
                            | "no one"
                            | "none"
                            | "most"
                            | "more"
                            | "less"
                            | "least"
                            | "enough"
                            | "half"
                            | "lot"
                    )
            }
            _ => false,
        };
        if bad {
            t.tag = if t.capitalized { Tag::PROPN } else { Tag::NOUN };
            t.form = VerbForm::None;
        }
    }
}

/// Gives `t` a tag that is no verb: the verb form goes, and the lemma is the word itself
/// (a verb reading's lemma, "attach" for "attached", no longer applies).
fn retag_as_non_verb(t: &mut Token, tag: Tag) {
    t.tag = tag;
    t.form = VerbForm::None;
    t.lemma = t.norm.clone();
}

/// A capitalized word no lexicon knows (it has no word cluster, which the statistical tagger
/// fills) tagged as an adverb is a name: "*Osgiliath* welcomed the talks". Unknown words the
/// first-pass tagger guesses from suffixes alone, and sentence-initial unknown words in its
/// web training text are often adverbs ("Basically"); in news they are names. In EWT dev,
/// of the capitalized alphabetic words without a cluster that do not end in "-ly", 320 are
/// PROPN and 6 ADV, all of those six stretched spellings ("Sooooo", "VERYYY"), which this
/// leaves alone (all capitals, or a letter three times running). Call after
/// [`super::PerceptronTagger`] has filled `Token::cluster`.
pub(crate) fn repair_unknown_names(tokens: &mut [Token], text: &str) {
    for t in tokens.iter_mut() {
        if t.tag != Tag::ADV || !t.capitalized || t.cluster != 0 || t.norm.ends_with("ly") {
            continue;
        }
        let surface = text.get(t.start..t.end).unwrap_or(&t.norm);
        let all_caps = !surface.chars().any(char::is_lowercase);
        let b = surface.as_bytes();
        let stretched = b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
        if surface.chars().all(char::is_alphabetic) && !all_caps && !stretched {
            retag_as_non_verb(t, Tag::PROPN);
        }
    }
}

/// File extensions that mark a token as a file name ("TEXT.htm", "resume.doc").
const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "htm", "html", "txt", "jpg", "jpeg", "gif", "png", "zip", "ppt", "pptx",
    "exe", "csv", "xml", "mp3", "wav", "avi", "rtf",
];

/// "resume.doc": a name, a dot and a known file extension (`norm` is lower case).
fn is_file_name(norm: &str) -> bool {
    norm.rsplit_once('.')
        .is_some_and(|(name, ext)| !name.is_empty() && !name.contains(' ') && FILE_EXTENSIONS.contains(&ext))
}

/// A web or mail address: "http://…", "www.…", "…@host", "enron.com".
fn is_web_address(norm: &str) -> bool {
    // Every form below has a dot, an "@" or a colon; most words have none.
    if !norm.bytes().any(|b| matches!(b, b'.' | b'@' | b':')) {
        return false;
    }
    norm.starts_with("http:")
        || norm.starts_with("https:")
        || norm.starts_with("www.")
        || norm.split_once('@').is_some_and(|(_, host)| host.starts_with(|c: char| c.is_alphanumeric()))
        || [".com", ".org", ".net", ".gov", ".edu"].iter().any(|d| norm.len() > d.len() && norm.ends_with(d))
}

/// "29th", "3rd": an ordinal written in digits.
fn is_digit_ordinal(norm: &str) -> bool {
    let digits = norm.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&norm[digits..], "st" | "nd" | "rd" | "th")
}

/// Tokens whose written shape settles what they can be, whatever the tagger's context said.
/// In EWT's mail and web text:
/// - a file name ("Lisa_resume.doc", "TEXT.htm") is a noun or a name, never an adjective,
///   verb, adverb or number: those become NOUN;
/// - a web or mail address is a name (PROPN), never an adjective, verb, adverb, number or
///   symbol;
/// - an ordinal in digits that modifies nothing ("on the *29th*") is a noun; before a noun
///   ("the 29th day") it stays an adjective;
/// - a token with no letter or digit is no verb, adjective, adverb or name but punctuation
///   (the hyphen of "al - Qaeda"), and "%" is a symbol, not a noun;
/// - a "number" that starts with a letter and has digits is a model or product name
///   ("r2d2", "sx40"); spelled-out numbers ("two") stay numbers.
///
/// On EWT dev tagged by models that did not see each sentence these fix 26 words and break
/// 1 (of 25,147). Cost: a few byte comparisons per token.
pub(crate) fn repair_by_shape(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1).map(|t| t.tag);
        let t = &mut tokens[i];
        let repaired = match t.tag {
            Tag::ADJ | Tag::VERB | Tag::ADV | Tag::NUM | Tag::PUNCT if is_file_name(&t.norm) => Tag::NOUN,
            Tag::ADJ | Tag::VERB | Tag::ADV | Tag::NUM | Tag::SYM if is_web_address(&t.norm) => Tag::PROPN,
            Tag::VERB | Tag::AUX | Tag::ADJ | Tag::ADV | Tag::PROPN if !t.norm.chars().any(char::is_alphanumeric) => {
                Tag::PUNCT
            }
            Tag::NOUN if t.norm == "%" => Tag::SYM,
            Tag::NUM if t.norm.starts_with(char::is_alphabetic) && t.norm.bytes().any(|b| b.is_ascii_digit()) => {
                Tag::PROPN
            }
            Tag::ADJ
                if is_digit_ordinal(&t.norm) && !matches!(next, Some(Tag::NOUN | Tag::PROPN | Tag::ADJ | Tag::NUM)) =>
            {
                Tag::NOUN
            }
            _ => continue,
        };
        retag_as_non_verb(t, repaired);
    }
}

/// Interjections of chat and mail that are nothing else ("lol", "plz", "nope"); "ok",
/// "thanks", "no", "oh" and "damn" are left to the tagger, being other things too, and so
/// are "er" and "um", which are also abbreviations ("the ER"). A `match`, not a list: it is
/// asked of every noun, verb, adjective and adverb.
fn is_interjection(norm: &str) -> bool {
    matches!(
        norm,
        "lol"
            | "lols"
            | "lmao"
            | "rofl"
            | "omg"
            | "plz"
            | "pls"
            | "heh"
            | "hehe"
            | "erm"
            | "umm"
            | "uh"
            | "uhm"
            | "nope"
            | "yep"
            | "yup"
            | "yum"
            | "eh"
            | "ew"
            | "eww"
            | "ewww"
            | "wow"
            | "oops"
            | "ouch"
            | "hmm"
            | "hmmm"
            | "ugh"
            | "yay"
    ) || is_laughter(norm)
}

/// Laughter written out: "haha", "hahaha", "ahaha".
fn is_laughter(norm: &str) -> bool {
    let s = norm.strip_prefix('a').unwrap_or(norm);
    s.len() >= 4 && s.len() % 2 == 0 && s.as_bytes().chunks(2).all(|c| c == b"ha")
}

/// Words whose class UD English fixes, whatever the context: chat and mail interjections
/// ("*plz* contact Shirley", "*Nope*", "*hahaha*") are INTJ, "because" shortened ("b/c",
/// "cuz") is SCONJ, "ur" (your, you're) is PRON, "etc." is NOUN (EWT's convention;
/// taggers trained on other data call it a foreign word, X), and "at" is ADP ("*at*
/// least", which the silver text's tagger calls an adverb).
///
/// On EWT dev, tagged by models that did not see each sentence, this fixes 31 words and
/// breaks none (of 25,147). Cost: a short list lookup for nouns, names, verbs, adjectives,
/// adverbs and X.
pub(crate) fn repair_fixed_words(tokens: &mut [Token]) {
    for t in tokens.iter_mut() {
        let norm = t.norm.as_str();
        // "at" is a preposition, also in "at least", "at best" (read elsewhere as a particle).
        if norm == "at" && matches!(t.tag, Tag::PART | Tag::ADV) {
            t.tag = Tag::ADP;
            continue;
        }
        if !matches!(t.tag, Tag::NOUN | Tag::PROPN | Tag::VERB | Tag::ADJ | Tag::ADV | Tag::X) {
            continue;
        }
        let repaired = if is_interjection(norm) {
            Tag::INTJ
        } else if matches!(norm, "b/c" | "bc" | "cuz" | "coz" | "bcuz" | "bcoz") {
            Tag::SCONJ
        } else if norm == "ur" && !t.capitalized {
            Tag::PRON
        } else if t.tag == Tag::X && matches!(norm, "etc" | "etc.") {
            Tag::NOUN
        } else {
            continue;
        };
        retag_as_non_verb(t, repaired);
    }
}

/// Words that approximate a quantity: before a number they are adverbs ("*about* 25,000
/// soldiers"), not prepositions.
const APPROXIMATORS: &[&str] = &["about", "around", "approximately", "roughly", "nearly", "almost", "over", "under"];

/// Common nouns that number the parts of a document or a series: capitalized before their
/// number ("*Section* 3", "*Article* 5") they are still common nouns in UD English.
const NUMBERED_PARTS: &[&str] = &[
    "section",
    "article",
    "exhibit",
    "schedule",
    "paragraph",
    "appendix",
    "chapter",
    "page",
    "item",
    "figure",
    "table",
    "part",
    "clause",
    "annex",
    "attachment",
    "volume",
    "step",
    "phase",
    "option",
    "rule",
    "question",
    "tier",
];

/// Repairs choices a left-to-right tagger makes before it has seen the words that decide
/// them, following UD English conventions:
/// - a preposition directly before a gerund introduces a clause, so it is SCONJ ("about
///   *leaving*", "before *signing*"; 62 of 63 such words in EWT dev);
/// - "have" tagged AUX with no verb ahead in its clause (within five words; a gerund does not
///   count) is the main verb ("they *have* talks", "I *have* a question"). Any verb form
///   counts, not only participles, because the tagger takes some for base forms ("has
///   *overcome*");
/// - "what", "which", "whatever", "this", "these" or "those" before a noun is a determiner
///   ("*what* time", "*this* dentist"); "this", "these" or "those" with no noun phrase after
///   it (a verb, preposition, pronoun, conjunction or punctuation next) is a pronoun
///   ("*These* look fine", "from *those* of");
/// - "both", "either" or "neither" answered by "and", "or" or "nor" within the clause is a
///   conjunction ("*both* Russia and China");
/// - "about", "around", "over"… before a number is an adverb ("*about* 25,000 soldiers");
/// - "Section", "Article", "Page"… before a number is a common noun ("*Section* 3").
///
/// On EWT dev, tagged by models that did not see each sentence, the first four (before the
/// demonstratives) fix 55 words and break 11 (of 25,147); the demonstratives 13 and 3; the
/// last two 14 and 1. Cost: a look at the next few tokens of a few kinds of word.
pub(crate) fn repair_with_right_context(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        match tokens[i].tag {
            Tag::ADP if tokens.get(i + 1).is_some_and(|t| t.tag == Tag::VERB && t.form == VerbForm::Gerund) => {
                tokens[i].tag = Tag::SCONJ;
            }
            Tag::AUX if tokens[i].lemma == "have" => {
                let mut verb_ahead = false;
                for t in tokens.iter().skip(i + 1).take(5) {
                    if matches!(t.tag, Tag::VERB | Tag::AUX) {
                        verb_ahead = t.form != VerbForm::Gerund;
                        break;
                    }
                    if matches!(t.tag, Tag::PUNCT | Tag::SCONJ | Tag::CCONJ) {
                        break;
                    }
                }
                if !verb_ahead {
                    tokens[i].tag = Tag::VERB;
                }
            }
            Tag::PRON
                if matches!(tokens[i].norm.as_str(), "what" | "which" | "whatever" | "this" | "these" | "those")
                    && tokens.get(i + 1).is_some_and(|t| t.tag == Tag::NOUN) =>
            {
                tokens[i].tag = Tag::DET;
            }
            Tag::ADP
                if in_list(APPROXIMATORS, &tokens[i].norm)
                    && tokens
                        .get(i + 1)
                        .is_some_and(|t| t.tag == Tag::NUM || matches!(t.norm.as_str(), "$" | "£" | "€")) =>
            {
                tokens[i].tag = Tag::ADV;
            }
            Tag::PROPN
                if in_list(NUMBERED_PARTS, &tokens[i].norm) && tokens.get(i + 1).is_some_and(|t| t.tag == Tag::NUM) =>
            {
                tokens[i].tag = Tag::NOUN;
            }
            Tag::DET
                if matches!(tokens[i].norm.as_str(), "this" | "these" | "those")
                    && tokens.get(i + 1).is_none_or(|t| {
                        matches!(
                            t.tag,
                            Tag::VERB
                                | Tag::AUX
                                | Tag::ADP
                                | Tag::PRON
                                | Tag::PUNCT
                                | Tag::SCONJ
                                | Tag::CCONJ
                                | Tag::PART
                        )
                    }) =>
            {
                tokens[i].tag = Tag::PRON;
            }
            Tag::DET if matches!(tokens[i].norm.as_str(), "both" | "either" | "neither") => {
                for t in tokens.iter().skip(i + 2).take(6) {
                    if matches!(t.norm.as_str(), "and" | "or" | "nor") {
                        tokens[i].tag = Tag::CCONJ;
                        break;
                    }
                    if t.tag == Tag::PUNCT {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
}

/// Auxiliary or main verb, decided by the verbs around "have" and "be" (UD English):
/// - "have" tagged VERB before a past participle, with only adverbs, "not", "both" or "all"
///   between, is the perfect auxiliary ("we *have* attached", "they *had* both approved");
///   the tagger reads a past-tense form there as often as a participle, so both count;
/// - "be" after existential "there" (only auxiliaries, "not" or adverbs between) is the main
///   verb: "there have *been* tensions", "there will not *be* peace".
///
/// On EWT dev, tagged by models that did not see each sentence, these fix 12 words and break
/// 2 (of 25,147). Cost: a look at the next or previous few tokens of "have" and "be".
pub(crate) fn repair_auxiliaries(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        match tokens[i].tag {
            Tag::VERB if tokens[i].lemma == "have" => {
                let next = tokens[i + 1..]
                    .iter()
                    .find(|t| !(matches!(t.tag, Tag::ADV | Tag::PART) || matches!(t.norm.as_str(), "both" | "all")));
                if next.is_some_and(|t| t.tag == Tag::VERB && matches!(t.form, VerbForm::Participle | VerbForm::Past)) {
                    tokens[i].tag = Tag::AUX;
                }
            }
            Tag::AUX if tokens[i].lemma == "be" => {
                let before = tokens[..i]
                    .iter()
                    .rev()
                    .find(|t| !matches!(t.tag, Tag::AUX | Tag::PART | Tag::ADV) || t.norm == "there");
                if before.is_some_and(|t| t.norm == "there" && t.tag == Tag::PRON) {
                    tokens[i].tag = Tag::VERB;
                }
            }
            _ => {}
        }
    }
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Tags with closed-class lists, morphology and a lexicon of known verb lemmas.
///
/// Cost: a few hash lookups per token. Accuracy is that of a careful rule set, adequate for
/// telling the main verb of a news clause from its nouns, but it has no statistical model.
///
/// ```
/// use petrel::pos::{PosTagger, RuleTagger, Tag};
/// let text = "Rebels attack the town.";
/// let mut s = petrel::text::segment(text);
/// RuleTagger::new().tag(&mut s[0].tokens, text);
/// assert_eq!(s[0].tokens[1].tag, Tag::VERB);
/// assert_eq!(s[0].tokens[3].tag, Tag::NOUN);
/// ```
pub struct RuleTagger {
    verbs: HashSet<String>,
}

impl Default for RuleTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl RuleTagger {
    /// A tagger knowing the built-in common verbs.
    pub fn new() -> Self {
        let mut verbs: HashSet<String> = COMMON_VERBS.iter().map(|s| s.to_string()).collect();
        verbs.extend(IRREGULAR_VERBS.iter().map(|v| v.0.to_string()));
        RuleTagger { verbs }
    }

    /// Adds verb lemmas (for instance every head verb of the action dictionary).
    pub fn with_verbs<I: IntoIterator<Item = String>>(mut self, verbs: I) -> Self {
        self.verbs.extend(verbs);
        self
    }

    fn is_verb_lemma(&self, w: &str) -> bool {
        self.verbs.contains(w)
    }

    /// The verb reading of `w`, if it has one: (lemma, form).
    fn verb_reading(&self, w: &str) -> Option<(String, VerbForm)> {
        if let Some(v) = IRREGULAR_VERBS.iter().find(|v| v.1 == w || v.2 == w) {
            let form = if v.1 == w && v.2 != w {
                VerbForm::Past
            } else if v.2 == w && v.1 != w {
                VerbForm::Participle
            } else {
                VerbForm::Past
            };
            return Some((v.0.to_string(), form));
        }
        if self.is_verb_lemma(w) {
            return Some((w.to_string(), VerbForm::Base));
        }
        for (suffix, form) in [("ing", VerbForm::Gerund), ("ed", VerbForm::Past), ("s", VerbForm::Present)] {
            if let Some(stem) = w.strip_suffix(suffix) {
                for cand in verb_stem_candidates(stem, suffix) {
                    if self.is_verb_lemma(&cand) {
                        return Some((cand, form));
                    }
                }
            }
        }
        None
    }
}

/// Candidate lemmas for a verb stem left after removing `suffix`.
fn verb_stem_candidates(stem: &str, suffix: &str) -> Vec<String> {
    let mut c = Vec::with_capacity(4);
    if stem.len() < 2 {
        return c;
    }
    match suffix {
        "s" => {
            if let Some(s) = stem.strip_suffix("ie") {
                c.push(format!("{s}y"));
            }
            if let Some(s) = stem.strip_suffix('e') {
                if s.ends_with("ss")
                    || s.ends_with("sh")
                    || s.ends_with("ch")
                    || s.ends_with('x')
                    || s.ends_with('z')
                    || s.ends_with('o')
                {
                    c.push(s.to_string());
                }
            }
            c.push(stem.to_string());
        }
        _ => {
            if suffix == "ed" {
                if let Some(s) = stem.strip_suffix('i') {
                    c.push(format!("{s}y"));
                }
            }
            let b = stem.as_bytes();
            let doubled = b.len() >= 3
                && b[b.len() - 1] == b[b.len() - 2]
                && !matches!(b[b.len() - 1], b'l' | b's' | b'z' | b'f' | b'e' | b'o');
            if doubled {
                // "slammed" → slam, "stopping" → stop
                c.push(stem[..stem.len() - 1].to_string());
            }
            c.push(stem.to_string());
            c.push(format!("{stem}e"));
            if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !doubled {
                c.push(stem[..stem.len() - 1].to_string());
            }
            if suffix == "ing" {
                if let Some(s) = stem.strip_suffix('y') {
                    c.push(format!("{s}ie"));
                }
            }
        }
    }
    c
}

/// Best-effort lemma of a word with the given tag, without a lexicon.
///
/// ```
/// use petrel::pos::{lemmatize, Tag};
/// assert_eq!(lemmatize("lives", Tag::NOUN), "life");
/// assert_eq!(lemmatize("soldiers", Tag::NOUN), "soldier");
/// assert_eq!(lemmatize("fled", Tag::VERB), "flee");
/// ```
pub fn lemmatize(w: &str, tag: Tag) -> String {
    match tag {
        Tag::NOUN | Tag::PROPN => {
            if let Some(n) = IRREGULAR_NOUNS.iter().find(|n| n.0 == w) {
                return n.1.to_string();
            }
            noun_singular(w)
        }
        Tag::VERB | Tag::AUX => {
            if let Some(v) = IRREGULAR_VERBS.iter().find(|v| v.1 == w || v.2 == w) {
                return v.0.to_string();
            }
            match w {
                "is" | "are" | "am" | "were" | "'s" | "'re" | "'m" | "being" => return "be".into(),
                "has" | "'ve" | "having" => return "have".into(),
                "does" => return "do".into(),
                _ => {}
            }
            for suffix in ["ing", "ed", "s"] {
                if let Some(stem) = w.strip_suffix(suffix) {
                    if let Some(c) = verb_stem_candidates(stem, suffix).into_iter().next() {
                        return c;
                    }
                }
            }
            w.to_string()
        }
        _ => w.to_string(),
    }
}

fn noun_singular(w: &str) -> String {
    if w.len() <= 3
        || w.ends_with("ss")
        || w.ends_with("us")
        || w.ends_with("is")
        || !w.ends_with('s')
        || w.contains('.')
    {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("ies") {
        return format!("{s}y");
    }
    for suf in ["ches", "shes", "sses", "xes", "zes"] {
        if w.ends_with(suf) {
            return w[..w.len() - 2].to_string();
        }
    }
    w[..w.len() - 1].to_string()
}

impl PosTagger for RuleTagger {
    fn tag(&self, tokens: &mut [Token], text: &str) {
        let n = tokens.len();
        for i in 0..n {
            let w = tokens[i].norm.clone();
            let prev = if i > 0 { Some(tokens[i - 1].tag) } else { None };
            let prev_norm = if i > 0 { tokens[i - 1].norm.as_str() } else { "" };
            let next_norm = if i + 1 < n { tokens[i + 1].norm.clone() } else { String::new() };
            let surface = tokens[i].text(text);
            let first_alpha = surface.chars().next().unwrap_or(' ');
            let caps = surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && surface.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
            let (tag, form) =
                self.classify(&w, first_alpha, tokens[i].capitalized, caps, i == 0, prev, prev_norm, &next_norm);
            tokens[i].tag = tag;
            tokens[i].form = form;
        }
        // Second pass: a noun reading in verb position. A known verb directly after a subject
        // (noun, proper noun, pronoun) and before a determiner, pronoun or proper noun is a verb:
        // "Rebels attack the town".
        for i in 1..n {
            if tokens[i].tag == Tag::NOUN && tokens[i - 1].tag.is_nominal() && tokens[i - 1].norm != "'s" {
                let next = tokens.get(i + 1).map(|t| t.tag);
                // Not before a preposition or at the end: "oil supplies to Cuba", "U.S. forces".
                if matches!(next, Some(Tag::DET | Tag::PRON | Tag::PROPN | Tag::NUM)) {
                    if let Some((_, form)) = self.verb_reading(&tokens[i].norm) {
                        tokens[i].tag = Tag::VERB;
                        tokens[i].form = if form == VerbForm::Base { VerbForm::Present } else { form };
                    }
                }
            }
        }
        for t in tokens.iter_mut() {
            t.lemma = match t.tag {
                Tag::VERB | Tag::AUX => {
                    self.verb_reading(&t.norm).map(|r| r.0).unwrap_or_else(|| lemmatize(&t.norm, t.tag))
                }
                _ => lemmatize(&t.norm, t.tag),
            };
            if t.tag == Tag::AUX {
                t.lemma = lemmatize(&t.norm, Tag::AUX);
            }
        }
    }
}

impl RuleTagger {
    #[allow(clippy::too_many_arguments)]
    fn classify(
        &self,
        w: &str,
        first: char,
        capitalized: bool,
        all_caps: bool,
        sentence_start: bool,
        prev: Option<Tag>,
        prev_norm: &str,
        next_norm: &str,
    ) -> (Tag, VerbForm) {
        use Tag::*;
        if !first.is_alphanumeric() && !w.starts_with('\'') {
            return if matches!(w, "$" | "%" | "#" | "@" | "+") {
                (SYM, VerbForm::None)
            } else {
                (PUNCT, VerbForm::None)
            };
        }
        if first.is_ascii_digit() {
            return (NUM, VerbForm::None);
        }
        // All-capital words of two or more letters are names or initialisms ("US", "NATO").
        if all_caps && !matches!(w, "i" | "a") {
            return (PROPN, VerbForm::None);
        }
        let after_det = matches!(prev, Some(DET | ADJ | NUM)) || prev_norm == "'s";
        match w {
            "'s" => {
                return if matches!(prev, Some(NOUN | PROPN)) && !matches!(next_norm, "been" | "not" | "n't") {
                    (PART, VerbForm::None)
                } else {
                    (AUX, VerbForm::Present)
                };
            }
            "to" => {
                return (PART, VerbForm::None);
            }
            "that" => {
                return if matches!(prev, Some(NOUN))
                    && !matches!(next_norm, "the" | "a" | "he" | "she" | "it" | "they" | "we")
                {
                    (PRON, VerbForm::None)
                } else {
                    (SCONJ, VerbForm::None)
                };
            }
            "not" | "n't" => return (PART, VerbForm::None),
            "is" | "are" | "am" | "'re" | "'m" => return (AUX, VerbForm::Present),
            "was" | "were" => return (AUX, VerbForm::Past),
            "be" => return (AUX, VerbForm::Base),
            "been" => return (AUX, VerbForm::Participle),
            "being" => return (AUX, VerbForm::Gerund),
            "has" | "have" | "had" | "'ve" | "does" | "do" | "did" => {
                // Auxiliary before a participle or "not"; main verb otherwise ("had long denied").
                let form = match w {
                    "had" | "did" => VerbForm::Past,
                    "have" | "do" | "'ve" => VerbForm::Base,
                    _ => VerbForm::Present,
                };
                return (AUX, form);
            }
            _ => {}
        }
        if in_list(MODALS, w) {
            return (AUX, VerbForm::None);
        }
        if in_list(CONJUNCTIONS, w) {
            return (CCONJ, VerbForm::None);
        }
        if in_list(DETERMINERS, w) && !(w == "more" || w == "most") {
            return (DET, VerbForm::None);
        }
        if in_list(PRONOUNS, w) && !(w == "her" && after_det) {
            return (PRON, VerbForm::None);
        }
        if in_list(SUBORDINATORS, w) {
            return (SCONJ, VerbForm::None);
        }
        if in_list(PREPOSITIONS, w) {
            // "following" and "including" open a phrase; verbs after a subject otherwise.
            return (ADP, VerbForm::None);
        }
        if in_list(NUMBER_WORDS, w) {
            return (NUM, VerbForm::None);
        }
        if in_list(ADVERBS, w)
            || (w.ends_with("ly")
                && w.len() > 4
                && !matches!(
                    w,
                    "italy" | "family" | "ally" | "rally" | "supply" | "reply" | "apply" | "fly" | "july" | "assembly"
                ))
        {
            return (ADV, VerbForm::None);
        }
        let after_to = prev_norm == "to"
            || matches!(prev, Some(AUX)) && in_list(MODALS, prev_norm)
            || matches!(prev_norm, "did" | "do" | "does" | "n't" | "not") && matches!(prev, Some(AUX | PART));
        let verb = self.verb_reading(w);
        if capitalized && !sentence_start {
            // Proper names mid-sentence; but verbs in title case headlines stay verbs only if known.
            return (PROPN, VerbForm::None);
        }
        if let Some((_, form)) = verb {
            if after_to {
                return (VERB, VerbForm::Base);
            }
            if after_det && !matches!(form, VerbForm::Past | VerbForm::Participle) {
                return (NOUN, VerbForm::None);
            }
            match form {
                VerbForm::Past | VerbForm::Participle => {
                    // After an auxiliary be/have: participle.
                    let f = if matches!(
                        prev_norm,
                        "was"
                            | "were"
                            | "been"
                            | "be"
                            | "is"
                            | "are"
                            | "being"
                            | "has"
                            | "have"
                            | "had"
                            | "'ve"
                            | "got"
                    ) || form == VerbForm::Participle
                    {
                        VerbForm::Participle
                    } else {
                        VerbForm::Past
                    };
                    if after_det {
                        return (ADJ, VerbForm::None);
                    }
                    return (VERB, f);
                }
                VerbForm::Gerund => return (VERB, VerbForm::Gerund),
                VerbForm::Present => {
                    if matches!(prev, Some(NOUN | PROPN | PRON)) {
                        return (VERB, VerbForm::Present);
                    }
                    return (NOUN, VerbForm::None);
                }
                _ => {
                    if matches!(prev, Some(PRON))
                        && !matches!(prev_norm, "his" | "her" | "its" | "their" | "our" | "my" | "your")
                    {
                        return (VERB, VerbForm::Present);
                    }
                    return (NOUN, VerbForm::None);
                }
            }
        }
        if in_list(ADJECTIVES, w)
            || w.ends_with("ian") && capitalized
            || w.ends_with("ous")
            || w.ends_with("ive") && !w.ends_with("ives")
            || w.ends_with("ful")
            || w.ends_with("able")
            || w.ends_with("ible")
            || w.ends_with("ical")
            || w.ends_with("ese") && capitalized
        {
            return (ADJ, VerbForm::None);
        }
        if w.ends_with("ed") && !after_det && w.len() > 4 {
            let f = if matches!(prev_norm, "was" | "were" | "been" | "be" | "is" | "are" | "has" | "have" | "had") {
                VerbForm::Participle
            } else {
                VerbForm::Past
            };
            return (VERB, f);
        }
        if w.ends_with("ing") && w.len() > 5 && !after_det {
            return (VERB, VerbForm::Gerund);
        }
        if capitalized && sentence_start && !in_list(COMMON_VERBS, w) {
            return (PROPN, VerbForm::None);
        }
        (NOUN, VerbForm::None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens with the given (norm, tag) pairs, as a tagger might have left them.
    fn tokens(words: &[(&str, Tag)]) -> Vec<Token> {
        words
            .iter()
            .map(|&(norm, tag)| Token {
                start: 0,
                end: 0,
                norm: norm.to_string(),
                lemma: norm.to_string(),
                tag,
                form: VerbForm::None,
                capitalized: false,
                cluster: 0,
            })
            .collect()
    }

    /// The tags `repair` leaves on tokens tagged as given.
    fn repaired(repair: fn(&mut [Token]), words: &[(&str, Tag)]) -> Vec<Tag> {
        let mut t = tokens(words);
        repair(&mut t);
        t.iter().map(|t| t.tag).collect()
    }

    /// The tokens as the tagger left them, and the tags expected after a repair.
    type Case<'a> = (&'a [(&'a str, Tag)], &'a [Tag]);

    fn check(repair: fn(&mut [Token]), cases: &[Case]) {
        for (words, want) in cases {
            assert_eq!(repaired(repair, words), *want, "{words:?}");
        }
    }

    use Tag::*;

    #[test]
    fn shapes_of_files_addresses_and_ordinals() {
        assert!(is_file_name("lisa_resume.doc") && is_file_name("text.htm"));
        assert!(!is_file_name("u.s.") && !is_file_name(".pdf") && !is_file_name("mr.doc ument"));
        assert!(is_web_address("www.enron.com") && is_web_address("jdoe@paulhastings.com"));
        assert!(is_web_address("http://example.org/a") && is_web_address("newsfeed.com"));
        assert!(!is_web_address("@") && !is_web_address(".com") && !is_web_address("come"));
        assert!(is_digit_ordinal("29th") && is_digit_ordinal("3rd") && is_digit_ordinal("1st"));
        assert!(!is_digit_ordinal("th") && !is_digit_ordinal("29") && !is_digit_ordinal("4x4th"));
    }

    #[test]
    fn shape_repairs() {
        check(
            repair_by_shape,
            &[
                // "See attached file : TEXT.htm" with the file name taken for an adjective.
                (&[("file", NOUN), (":", PUNCT), ("text.htm", ADJ)], &[NOUN, PUNCT, NOUN]),
                (&[("visit", VERB), ("www.state.gov", ADJ)], &[VERB, PROPN]),
                // "on the 29th ." against "the 29th day".
                (&[("the", DET), ("29th", ADJ), (".", PUNCT)], &[DET, NOUN, PUNCT]),
                (&[("the", DET), ("29th", ADJ), ("day", NOUN)], &[DET, ADJ, NOUN]),
                // "al - Qaeda" with the hyphen taken for a verb; "90 %" with the sign for a noun.
                (
                    &[("al", PROPN), ("-", VERB), ("qaeda", PROPN), ("90", NUM), ("%", NOUN)],
                    &[PROPN, PUNCT, PROPN, NUM, SYM],
                ),
                // A model name, against numbers in figures and in words.
                (&[("sx40", NUM), ("or", CCONJ), ("40", NUM), ("two", NUM)], &[PROPN, CCONJ, NUM, NUM]),
                // Words the tagger got right are left alone.
                (&[("the", DET), ("report.pdf", PROPN), ("jdoe@enron.com", PROPN)], &[DET, PROPN, PROPN]),
            ],
        );
    }

    #[test]
    fn approximators_and_numbered_parts() {
        check(
            repair_with_right_context,
            &[
                // "about 25,000 soldiers": an adverb; "about the talks": still a preposition.
                (&[("about", ADP), ("25,000", NUM), ("soldiers", NOUN)], &[ADV, NUM, NOUN]),
                (&[("over", ADP), ("$", SYM), ("5", NUM)], &[ADV, SYM, NUM]),
                (&[("about", ADP), ("the", DET), ("talks", NOUN)], &[ADP, DET, NOUN]),
                // "see Section 3" against "the Section Chief".
                (&[("see", VERB), ("section", PROPN), ("3", NUM)], &[VERB, NOUN, NUM]),
                (&[("the", DET), ("section", PROPN), ("chief", PROPN)], &[DET, PROPN, PROPN]),
            ],
        );
    }

    #[test]
    fn interjections_and_etc() {
        assert!(is_laughter("haha") && is_laughter("hahaha") && is_laughter("ahaha"));
        assert!(!is_laughter("ha") && !is_laughter("hahah") && !is_laughter("hash"));
        check(
            repair_fixed_words,
            &[
                (
                    &[("plz", PROPN), ("contact", VERB), ("hahaha", NOUN), ("etc.", X), ("b/c", NOUN)],
                    &[INTJ, VERB, INTJ, NOUN, SCONJ],
                ),
                (&[("at", PART), ("least", ADJ), ("two", NUM)], &[ADP, ADJ, NUM]),
                // Words that are other things too are left alone.
                (&[("thanks", NOUN), ("ok", ADJ), ("no", DET), ("vu", X)], &[NOUN, ADJ, DET, X]),
            ],
        );
    }

    #[test]
    fn demonstratives() {
        check(
            repair_with_right_context,
            &[
                // "These look fine": a pronoun; "those pockets": a determiner.
                (&[("these", DET), ("look", VERB), ("fine", ADJ)], &[PRON, VERB, ADJ]),
                (&[("those", PRON), ("pockets", NOUN), ("of", ADP)], &[DET, NOUN, ADP]),
                (&[("handle", VERB), ("this", DET)], &[VERB, PRON]),
                (&[("this", DET), ("big", ADJ), ("fair", NOUN)], &[DET, ADJ, NOUN]),
            ],
        );
    }

    #[test]
    fn perfect_have_and_existential_be() {
        let verb = |norm: &str, lemma: &str, tag: Tag, form: VerbForm| {
            let mut t = tokens(&[(norm, tag)]).remove(0);
            t.lemma = lemma.to_string();
            t.form = form;
            t
        };
        // "we have now attached": the auxiliary; "we have limited time": the main verb.
        let mut t = vec![
            verb("we", "we", Tag::PRON, VerbForm::None),
            verb("have", "have", Tag::VERB, VerbForm::Present),
            verb("now", "now", Tag::ADV, VerbForm::None),
            verb("attached", "attach", Tag::VERB, VerbForm::Participle),
        ];
        repair_auxiliaries(&mut t);
        assert_eq!(t[1].tag, Tag::AUX);
        let mut t = vec![
            verb("we", "we", Tag::PRON, VerbForm::None),
            verb("have", "have", Tag::VERB, VerbForm::Present),
            verb("limited", "limited", Tag::ADJ, VerbForm::None),
            verb("time", "time", Tag::NOUN, VerbForm::None),
        ];
        repair_auxiliaries(&mut t);
        assert_eq!(t[1].tag, Tag::VERB);
        // "there will not be peace": the main verb; "it will not be easy": the copula.
        let mut t = vec![
            verb("there", "there", Tag::PRON, VerbForm::None),
            verb("will", "will", Tag::AUX, VerbForm::None),
            verb("not", "not", Tag::PART, VerbForm::None),
            verb("be", "be", Tag::AUX, VerbForm::Base),
            verb("peace", "peace", Tag::NOUN, VerbForm::None),
        ];
        repair_auxiliaries(&mut t);
        assert_eq!(t[3].tag, Tag::VERB);
        t[0] = verb("it", "it", Tag::PRON, VerbForm::None);
        t[3].tag = Tag::AUX;
        repair_auxiliaries(&mut t);
        assert_eq!(t[3].tag, Tag::AUX);
    }
}
