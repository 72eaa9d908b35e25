/**
 * The page a mailed verification link opens (`GET /verify-email`): the orchestrator serves it where it
 * answers the public origin itself (embedded mode, the ingress route), the web tier where it fronts the
 * services (stack mode, a cluster without the ingress). It says the same in English, Urdu and Roman Urdu:
 * the link is opened from an email, before the app knows the reader's language.
 */
const texts = {
  verified: {
    en: "Your email address is verified. Reminders can now reach it.",
    ur: "آپ کا ای میل پتہ تصدیق ہو گیا ہے۔ اب یاد دہانیاں اس تک پہنچ سکتی ہیں۔",
    roman: "Aap ka email address verify ho gaya hai. Ab reminders us tak pohanch sakti hain.",
  },
  refused: {
    en: "This link is invalid, already used or expired.",
    ur: "یہ لنک غلط ہے، پہلے استعمال ہو چکا ہے یا اس کی مدت ختم ہو گئی ہے۔",
    roman: "Yeh link ghalat hai, pehle istemal ho chuka hai ya iski muddat khatam ho gayi hai.",
  },
} as const;

/** verificationPage is the answer to a verification link: 200 when the address was confirmed, else 400. */
export function verificationPage(verified: boolean): Response {
  const text = verified ? texts.verified : texts.refused;
  const html = [
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>taskmesh</title>',
    `<p>${text.en}</p>`,
    `<p lang="ur" dir="rtl">${text.ur}</p>`,
    `<p lang="ur-Latn">${text.roman}</p>`,
  ].join("");
  return new Response(html, {
    status: verified ? 200 : 400,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
      "referrer-policy": "no-referrer",
    },
  });
}
