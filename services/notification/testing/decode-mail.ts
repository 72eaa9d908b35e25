import { header, type ReceivedEmail } from "./smtp-sink";

/** qpBytes undoes quoted-printable (soft line breaks, =XX octets) into bytes. */
const qpBytes = (text: string): Buffer => {
  const bytes: number[] = [];
  const unfolded = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded[i] === "=" ? unfolded.slice(i + 1, i + 3) : "";
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(unfolded[i]!, "utf8"));
  }
  return Buffer.from(bytes);
};

/** decodeWords undoes RFC 2047 encoded words ("=?UTF-8?B?…?=") in a header value. */
const decodeWords = (value: string): string =>
  value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : qpBytes(text.replace(/_/g, " ")).toString("utf8"),
    );

/** decodeMail reads a received single-part text email's subject and body as the reader sees them (UTF-8). */
export function decodeMail(mail: ReceivedEmail): { subject: string; text: string; messageId: string } {
  const body = mail.raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join("\n\n");
  const encoding = header(mail.raw, "Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? qpBytes(body).toString("utf8")
        : body;
  return {
    subject: decodeWords(header(mail.raw, "Subject")),
    text: text.replace(/\r\n/g, "\n"),
    messageId: header(mail.raw, "Message-ID"),
  };
}
