import { WORD_END, WORD_START, wordRegex } from "../shared/scanner";

/** Like wordRegex, with match indices, so a named object group ("the milk one") can be left unclaimed. */
const objectRegex = (source: string): RegExp => new RegExp(`${WORD_START}(?:${source})${WORD_END}`, "gud");

import type { IntentName } from "./schema";

const END = "[\\s,!.؟?۔]*";
const whole = (source: string): RegExp => new RegExp(`^\\s*(?:${source})${END}$`, "iu");

const CONFIRM_WORDS =
  "yes|yeah|yea|yep|yup|sure|ok|okay|confirm(?:ed)?|do\\s+it|go\\s+ahead|please\\s+do|correct|right|that'?s\\s+right|absolutely|of\\s+course|haan|han|haanji|hanji|ji|jee|ji\\s+haan|ji\\s+han|theek\\s+hai|thik\\s+hai|theek|bilkul|zaroor|kar\\s+do|ہاں|جی|جی\\s+ہاں|ہاں\\s+جی|ٹھیک\\s+ہے|بالکل|ضرور|کر\\s+دو|کر\\s+دیں|درست";
const DENY_WORDS =
  "no|nope|nah|cancel|stop|don'?t|do\\s+not|never\\s*mind|no\\s+thanks|not\\s+now|nahi|nahin|nai|na|mat\\s+karo|rehne\\s+do|cancel\\s+karo|نہیں|نہ|نہیں\\s+جی|جی\\s+نہیں|رہنے\\s+دو|مت\\s+کرو|منسوخ(?:\\s+کرو|\\s+کریں)?";
const TAIL =
  "(?:[\\s,!.،]+(?:please|thanks|thank\\s+you|do\\s+it|go\\s+ahead|delete\\s+it|sure|ji|جی|شکریہ|shukriya|please\\s+do|kar\\s+do|کر\\s+دو|keep\\s+it|leave\\s+it|don'?t|not\\s+now|rehne\\s+do|رہنے\\s+دو|mat\\s+karo|مت\\s+کرو|wait|ruko|رکو))*";

/** Whole-utterance answers to a pending question. */
export const CONFIRM = whole(`(?:${CONFIRM_WORDS})${TAIL}`);
export const DENY = whole(`(?:${DENY_WORDS})${TAIL}`);

export const HELP = wordRegex(
  "help|what\\s+can\\s+you\\s+do|how\\s+(?:do|does)\\s+(?:this|it|you)\\s+work|what\\s+are\\s+the\\s+commands|madad|مدد|آپ\\s+کیا\\s+کر\\s+سکتے\\s+ہیں|کیا\\s+کر\\s+سکتے\\s+ہو|aap\\s+kya\\s+kar\\s+sakte",
);
const SOCIAL_TAIL =
  "(?:\\s+(?:there|all|everyone|again|a\\s+lot|so\\s+much|very\\s+much|buddy|bhai|jee|ji|جی|بہت|bohat|bahut))*";
export const SMALLTALK = whole(
  `(?:hi|hello|hey|hiya|yo|salam|salaam|assalam[u]?\\s*o?\\s*alaikum|aoa|السلام\\s+علیکم|سلام|thanks|thank\\s+you|thx|ty|shukriya|شکریہ|good\\s+(?:morning|evening|night|afternoon)|how\\s+are\\s+you|kaise\\s+ho|kaisay\\s+ho|آپ\\s+کیسے\\s+ہیں|کیسے\\s+ہو|hmm+|lol|cool|nice|great|wow|bye|goodbye|khuda\\s+hafiz|اللہ\\s+حافظ|خدا\\s+حافظ)${SOCIAL_TAIL}`,
);

/** Intent phrases in the order they are tried; the first that matches decides. */
export const INTENT_RULES: ReadonlyArray<readonly [IntentName, RegExp]> = [
  [
    "activity",
    wordRegex(
      "what\\s+(?:did|have)\\s+i\\s+(?:do|done|finish(?:ed)?|complete(?:d)?|create(?:d)?|add(?:ed)?|delete(?:d)?|get\\s+done|change(?:d)?)|what\\s+i\\s+(?:did|finished|completed)|(?:my|show(?:\\s+me)?(?:\\s+my)?)\\s+(?:activity|history)|activity\\s+log|what\\s+happened|how\\s+many\\s+tasks\\s+did\\s+i|کیا\\s+مکمل\\s+کیا|کیا\\s+کیا|کون\\s+سے\\s+کام\\s+(?:مکمل|ختم)\\s+(?:کیے|ہوئے)|میری\\s+سرگرمی|kya\\s+kiya|kya\\s+complete\\s+kiya|kya\\s+mukammal\\s+kiya|kaunse\\s+kaam\\s+(?:complete|mukammal|khatam)\\s+(?:kiye|hue)|maine\\s+kya",
    ),
  ],
  [
    "list",
    wordRegex(
      "(?:show|list|display|view|see|give)\\s+(?:me\\s+)?(?:all\\s+)?(?:my\\s+|the\\s+)?(?:\\w+\\s+)?(?:tasks|todos|to-dos|list|agenda|reminders)|what(?:'s|\\s+is|\\s+are)\\s+(?:on\\s+my\\s+(?:list|plate|agenda)|due|overdue|my\\s+tasks|pending)|what\\s+do\\s+i\\s+have|(?:my|overdue|pending|today's|tomorrow's)\\s+tasks|^\\s*tasks\\s+for|دکھائیں|دکھاؤ|دکھا\\s+دو|دکھا\\s+دیں|میرے\\s+کام|کون\\s+سے\\s+کام|کیا\\s+کام\\s+(?:ہیں|ہے|باقی)|کیا\\s+کرنا\\s+ہے|فہرست|dikhao|dikha\\s+do|dikhaen|mere\\s+kaam|kaun\\s+se\\s+kaam|kaunse\\s+kaam|kya\\s+kaam\\s+(?:hai|hain|baqi)|kya\\s+karna\\s+hai",
    ),
  ],
  [
    "search",
    wordRegex(
      "find|search(?:\\s+for)?|look\\s+(?:for|up)|where\\s+is|any\\s+tasks?\\s+(?:about|with|mentioning)|tasks?\\s+(?:about|mentioning|containing)|تلاش\\s+(?:کریں|کرو)|ڈھونڈو|ڈھونڈیں|dhoondo|dhundo|talaash\\s+karo|search\\s+karo",
    ),
  ],
];

/** "remind me to …" creates a task; these read as reminders on an existing one. */
export const REMINDER_WORD = wordRegex(
  "remind\\s+me|set\\s+(?:a\\s+|an\\s+)?reminder|add\\s+(?:a\\s+)?reminder|reminder|یاد\\s+(?:دلا|کرا|کروا)\\S*|یاد\\s*دہانی|yaad\\s+(?:dila|kara|karwa)\\w*",
);
export const CREATE_REMINDER =
  /remind\s+me\s+(?:\S+\s+){0,4}?to\s+\p{L}|یاد\s+(?:دلانا|دلا\s+دینا|کرانا)\s+کہ|yaad\s+(?:dilana|dila\s+dena|karana)\s+(?:ke|k|kay)\s/iu;
/** English verbs lead the sentence; politeness may come first. */
const LEAD = "^\\s*(?:(?:please|pls|plz|ok|okay|hey|kindly|can\\s+you|could\\s+you|would\\s+you)[\\s,]+)*";
/** An Urdu / Roman Urdu reference to an existing task ("دودھ والا کام", "bijli ke bill wale kaam"). */
export const WALA_REFERENCE = /(?<![\p{L}])(?:والا|والی|والے|wala|wali|wale)(?![\p{L}])/u;
export const PRONOUN_TARGET = /(?<![\p{L}])(?:it|this|that|اسے|اس\s+کو|isay|isey|ise|usay|usey)(?![\p{L}])/iu;
export const REMINDER_LEADING = new RegExp(
  `${LEAD}(?:remind\\s+me|set\\s+(?:a\\s+|an\\s+)?reminder|add\\s+(?:a\\s+)?reminder)`,
  "iu",
);

export const MAKE_RECURRING = objectRegex(
  "(?:make|set|turn)\\s+(?<obj1>it|this|that|the\\s+[\\p{L}\\s]+?|[\\p{L}]+)\\s+(?:into\\s+)?(?:a\\s+)?(?:recurring|repeat(?:ing)?)|(?:make|set|turn)\\s+(?:it|this|that)\\s+(?:daily|weekly|monthly|yearly|every)|repeat\\s+(?<obj2>it|this|that|the\\s+[\\p{L}\\s]+?)\\s+every|make\\s+(?:it\\s+)?recurring|recurring|دہرائیں|دہرانا|دہراؤ|ریپیٹ|repeat\\s+kar\\s+do|recurring\\s+bana\\s+do",
);
export const MAKE_RECURRING_TAIL = wordRegex(
  "(?:کر\\s+دو|کر\\s+دیں|بنا\\s+دو|بنا\\s+دیں|kar\\s+do|kar\\s+dein|bana\\s+do)\\s*[.!۔]?$",
);

export const DELETE_LEADING = new RegExp(
  `${LEAD}(?:delete|remove|erase|trash|get\\s+rid\\s+of|drop|cancel)(?![\\p{L}])`,
  "diu",
);
export const DELETE = wordRegex(
  "حذف(?:\\s+کر\\s+(?:دو|دیں))?|ڈیلیٹ(?:\\s+کر\\s+(?:دو|دیں))?|مٹا\\s+(?:دو|دیں)|ہٹا\\s+(?:دو|دیں)|delete\\s+kar\\s+(?:do|dein|den)|delete\\s+karo|hata\\s+(?:do|dein|den)|mita\\s+(?:do|dein)|nikal\\s+do|remove\\s+kar\\s+do",
);
export const COMPLETE = objectRegex(
  "mark(?:ed)?\\s+(?<obj1>(?:[\\p{L}\\p{N}'\\-]+\\s+){0,6}?)(?:as\\s+)?(?:done|complete(?:d)?|finished)|tick\\s+off|check\\s+off|cross\\s+off|i(?:'ve|\\s+have)?\\s+(?:just\\s+)?(?:finished|completed|done)|(?:finished|completed|done)\\s+with|(?:is|are|was)\\s+(?:done|finished|completed)|done|finished|completed|complete|finish|مکمل\\s+کر\\s+(?:دو|دیں|دیا)|مکمل\\s+ہو\\s*گیا|ہو\\s*گیا|ہو\\s*گئی|کر\\s+لیا|کر\\s+لی|ختم\\s+ہو\\s*گیا|ho\\s*gaya|ho\\s*gya|ho\\s*gayi|kar\\s+liya|kr\\s+liya|kar\\s+li|complete\\s+kar\\s+(?:do|dein|diya)|complete\\s+ho\\s+gaya|mukammal\\s+(?:kar\\s+do|ho\\s+gaya)|khatam\\s+ho\\s+gaya|done\\s+kar\\s+do",
);
/** "complete the report by friday" is a new task; "finish X" completes only a task we know. */
export const IMPERATIVE_COMPLETE = /^\s*(?:complete|finish)\s/iu;
/** "ڈاکٹر والی اپائنٹمنٹ جمعہ کو کر دو": a known task, a new value, "make it so". */
export const DO_IT_TAIL = /(?<![\p{L}])(?:کر\s+(?:دو|دیں|دیجیے)|kar\s+(?:do|dein|den|dijiye))\s*[.!۔]?\s*$/u;

/** Verbs that nearly always mean changing an existing task; "change"/"update"/"edit" need a known target. */
export const UPDATE_STRONG = /^(?:rename|move|reschedule|postpone|push|shift|set|make)/iu;
export const UPDATE_LEADING = new RegExp(
  `${LEAD}(?:change|rename|move|reschedule|postpone|push(?:\\s+back)?|update|edit|shift|set\\s+(?:the\\s+)?(?:due|priority|date|time|title)|make\\s+(?<obj1>it|the\\s+[\\p{L}\\s]+?|[\\p{L}]+)\\s+(?:urgent|important|high\\s+priority|low\\s+priority|p[1-4]))(?![\\p{L}])`,
  "diu",
);
export const UPDATE = objectRegex(
  "تبدیل\\s+(?:کر\\s+(?:دو|دیں)|کریں)|بدل\\s+(?:دو|دیں)|آگے\\s+کر\\s+(?:دو|دیں)|منتقل\\s+کر\\s+(?:دو|دیں)|badal\\s+(?:do|dein)|change\\s+kar\\s+(?:do|dein)|shift\\s+kar\\s+do|aage\\s+kar\\s+do|update\\s+kar\\s+do",
);
export const UPDATE_SPLIT = /\s(?:to|into|for)\s|\s(?:ko|کو)\s/iu;

export const CREATE = wordRegex(
  "add|create|new\\s+task|remind\\s+me\\s+to|i\\s+need\\s+to|i\\s+have\\s+to|don'?t\\s+forget|remember\\s+to|شامل\\s+(?:کریں|کرو)|بنائیں|بنا\\s+دو|add\\s+kar\\s+do|add\\s+karo|bana\\s+do",
);
