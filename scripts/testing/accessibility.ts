// Accessibility checks a browser test can make on a live page, with Chromium's own accessibility
// tree: every control has a name, and text has WCAG AA contrast against what is behind it.
import type { Page } from "playwright-core";

const CONTROLS = new Set([
  "button",
  "textbox",
  "searchbox",
  "combobox",
  "checkbox",
  "radio",
  "link",
  "listbox",
  "menuitem",
  "tab",
  "switch",
  "slider",
  "spinbutton",
]);

interface AXNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
}

/** Controls Chromium exposes without an accessible name, as "role (html)". */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AXNode[] };
    return nodes
      .filter((n) => !n.ignored && CONTROLS.has(n.role?.value ?? "") && !n.name?.value?.trim())
      .map((n) => n.role!.value);
  } finally {
    await cdp.detach();
  }
}

/** Visible text whose contrast is under WCAG AA (4.5:1; 3:1 for large text), as "text: ratio". */
export async function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (color: string): number[] => (color.match(/[\d.]+/g) ?? ["0", "0", "0", "0"]).map(Number);
    const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const luminance = ([r, g, b]: number[]) =>
      0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    const background = (element: Element | null): number[] => {
      for (let e = element; e; e = e.parentElement) {
        const [r = 0, g = 0, b = 0, a = 1] = parse(getComputedStyle(e).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim();
      if (
        !element ||
        !text ||
        !element.checkVisibility?.() ||
        element.closest("[disabled], .visually-hidden")
      )
        continue;
      const style = getComputedStyle(element);
      const fg = luminance(parse(style.color));
      const bg = luminance(background(element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`${text.slice(0, 40)}: ${ratio.toFixed(2)}`);
    }
    return problems;
  });
}

/** Visible controls under 24 × 24 CSS px (WCAG 2.2 target size, minimum), as "name: w×h". */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea"))
      .filter((e) => e.checkVisibility())
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.right > 0) // the skip link waits off screen until focused
      .filter(({ r }) => r.width < 24 || r.height < 24)
      .map(
        ({ e, r }) =>
          `${e.getAttribute("aria-label") ?? e.textContent}: ${Math.round(r.width)}×${Math.round(r.height)}`,
      ),
  );
}
