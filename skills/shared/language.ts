import { priorityWords } from "../../vocabulary/priority";
import type { Language } from "./types";

/** The single words of the Roman Urdu priority phrases that are not English priority words too. */
function romanPriorityWords(): string[] {
  const english = new Set(
    Object.values(priorityWords.en).flatMap((phrases) => phrases.flatMap((p) => p.split(/\s+/u))),
  );
  const roman = Object.values(priorityWords["roman-ur"]).flatMap((phrases) => phrases.flatMap((p) => p.split(/\s+/u)));
  return [...new Set(roman)].filter((word) => !english.has(word));
}

const URDU_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const LATIN_LETTER = /[A-Za-z]/g;

/** Common Roman Urdu words that are not English words (or are rare in English). */
const ROMAN_URDU_WORDS = new Set([
  "aaj",
  "aj",
  "kal",
  "parson",
  "parso",
  "subah",
  "subha",
  "dopahar",
  "dopehar",
  "shaam",
  "sham",
  "raat",
  "baje",
  "bajay",
  "bje",
  "har",
  "hai",
  "hain",
  "hay",
  "ko",
  "ka",
  "ki",
  "ke",
  "se",
  "mein",
  "main",
  "mai",
  "karna",
  "karni",
  "karne",
  "kar",
  "karo",
  "kardo",
  "krna",
  "krni",
  "kro",
  "do",
  "dena",
  "dein",
  "lena",
  "lana",
  "jana",
  "hona",
  "ho",
  "gaya",
  "gya",
  "gayi",
  "liya",
  "diya",
  "kiya",
  "kya",
  "kia",
  "tha",
  "thi",
  "nahi",
  "nahin",
  "nai",
  "haan",
  "han",
  "ji",
  "jee",
  "acha",
  "achha",
  "theek",
  "thik",
  "bilkul",
  "mujhe",
  "mujhay",
  "mera",
  "meri",
  "mere",
  "wala",
  "wali",
  "wale",
  "kaam",
  "doodh",
  "ammi",
  "abbu",
  "yaad",
  "dilana",
  "dila",
  "pehle",
  "pehlay",
  "baad",
  "ghanta",
  "ghante",
  "ghantay",
  "minute",
  "aadha",
  "adha",
  "din",
  "hafta",
  "hafte",
  "mahina",
  "mahine",
  "saal",
  "roz",
  "rozana",
  "peer",
  "pir",
  "somwar",
  "mangal",
  "budh",
  "jumeraat",
  "jumerat",
  "juma",
  "jumma",
  "itwar",
  "itwaar",
  "agle",
  "agla",
  "pichle",
  "sawa",
  "sarhe",
  "saadhe",
  "pone",
  "paune",
  "derh",
  "dhai",
  "batao",
  "dikhao",
  "dikha",
  "hata",
  "mita",
  "badal",
  "banao",
  "dhoondo",
  "dhundo",
  "shukriya",
  "salam",
  "assalam",
  "madad",
  "kaise",
  "kab",
  "tak",
  "bhi",
  "aur",
  "ya",
  "yeh",
  "ye",
  "woh",
  "wo",
  "isay",
  "usay",
  "mukammal",
  "khatam",
  "tareekh",
  "tarikh",
  "hoga",
  "hogi",
  "chahiye",
  "jama",
  "karwana",
  "bhejna",
  // The Roman Urdu priority words (zaroori, fori, kam tarjeeh…), from vocabulary/priority.
  ...romanPriorityWords(),
]);

/** Words that look Roman Urdu but are everyday English; they do not count towards Roman Urdu. */
const ENGLISH_OVERLAP = new Set([
  "do",
  "main",
  "ho",
  "ya",
  "tak",
  "din",
  "minute",
  "han",
  "kar",
  "bhi",
  "peer",
  "pir",
  "sham",
  "rat",
  "bees",
  "ye",
  "wo",
]);

/**
 * Says which language an utterance is in: Urdu script when most letters are Arabic-script, Roman Urdu
 * when enough Latin words come from the Roman Urdu word list, English otherwise.
 */
export function detectLanguage(text: string): Language {
  const urdu = text.match(URDU_SCRIPT)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (urdu > 0 && urdu >= latin) return "ur";
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  if (words.length === 0) return urdu > 0 ? "ur" : "en";
  let strong = 0;
  let weak = 0;
  for (const word of words) {
    if (!ROMAN_URDU_WORDS.has(word)) continue;
    if (ENGLISH_OVERLAP.has(word)) weak += 1;
    else strong += 1;
  }
  const score = strong + weak * 0.5;
  if (strong >= 1 && score / words.length >= 0.25) return "roman-ur";
  if (strong >= 2) return "roman-ur";
  return "en";
}

const EASTERN_DIGIT_BASES = [0x06f0, 0x0660];

/**
 * Replaces Urdu (۰–۹) and Arabic-Indic (٠–٩) digits with ASCII digits, one code unit for one, so offsets
 * into the result are offsets into the original.
 */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const base = EASTERN_DIGIT_BASES.find((start) => code >= start && code <= start + 9) ?? 0x06f0;
    return String(code - base);
  });
}
