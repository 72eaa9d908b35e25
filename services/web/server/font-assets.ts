import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** FontAssets are the self-hosted web fonts: @font-face rules and the files they name. */
export interface FontAssets {
  css: string;
  files: { name: string; body: Uint8Array }[];
  /** preload is the one file every page uses (Latin text), worth fetching before the CSS asks. */
  preload: string;
}

/** The fonts the app uses, from their npm packages: Inter for Latin text, Noto Naskh Arabic for Urdu. */
const sources = [
  { css: "@fontsource-variable/inter/wght.css", keep: (file: string) => /-(latin|latin-ext)-/.test(file) },
  {
    css: "@fontsource-variable/noto-naskh-arabic/wght.css",
    keep: (file: string) => /^noto-naskh-arabic-arabic-/.test(file),
  },
];

const shortHash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex").slice(0, 10);

/**
 * fontAssets rewrites the packages' @font-face rules to hashed files under /assets/. Each rule keeps its
 * unicode-range, so a browser downloads a subset only when the page shows such characters (the Arabic
 * script file only for Urdu). Bun's CSS bundler would inline every subset as a data URL instead.
 */
export function fontAssets(resolveFrom: string): FontAssets {
  const files: FontAssets["files"] = [];
  const rules: string[] = [];
  let preload = "";
  for (const source of sources) {
    const cssPath = Bun.resolveSync(source.css, resolveFrom);
    const css = readFileSync(cssPath, "utf8");
    for (const block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      if (!file || !source.keep(file)) continue;
      const body = readFileSync(join(dirname(cssPath), "files", file));
      const name = file.replace(/\.woff2$/, `-${shortHash(body)}.woff2`);
      files.push({ name, body });
      rules.push(block.replace(/url\(\.\/files\/[^)]+\)/, `url(/assets/${name})`));
      if (!preload && /inter-latin-wght/.test(file)) preload = `/assets/${name}`;
    }
  }
  return { css: `${rules.join("\n")}\n`, files, preload };
}
