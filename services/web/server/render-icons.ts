/**
 * `bun services/web/server/render-icons.ts`: renders icons/icon.svg to the PNG sizes the web app manifest
 * and iOS home screens ask for (192 and 512 px), with the Chromium the e2e suite already uses, so the
 * PNGs are the SVG's own pixels. Run it after changing icon.svg and commit the PNGs beside it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const dir = join(import.meta.dir, "icons");
const svg = readFileSync(join(dir, "icon.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.screenshot({ path: join(dir, `icon-${size}.png`), omitBackground: false });
    await page.close();
    console.log(`icons/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
