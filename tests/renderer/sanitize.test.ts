import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSanitizer } from '../../renderer/src/lib/sanitize';

/**
 * DOMPurify needs a real DOM, and the one that matters is the browser's: the sanitizer module is
 * bundled as-is and run in Chromium (the same one the end-to-end tests use), so parser quirks
 * (mXSS) are the real ones. Set CHROMIUM_PATH if Chromium lives elsewhere.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const ENTRY = fileURLToPath(new URL('../../renderer/src/lib/sanitize.ts', import.meta.url));

async function bundle(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: ENTRY, formats: ['iife'], name: 'NewsroomSanitize', fileName: 'sanitize' } },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const first = (Array.isArray(out) ? out[0] : out)!.output[0];
  return first.code;
}

interface Inspection {
  html: string;
  pwned: boolean;
  scripts: number;
  handlers: string[];
  styles: number;
  hrefs: string[];
  tags: string[];
  classes: string[];
  anchors: Array<{ rel: string | null; target: string | null }>;
}

let browser: Browser;
let page: Page;

async function inspect(dirty: string, raw = false): Promise<Inspection> {
  return page.evaluate(
    async ({ dirty, raw }) => {
      const w = window as unknown as { __pwned: boolean; NewsroomSanitize: { sanitizeContent(h: string): string } };
      w.__pwned = false;
      const html = raw ? dirty : w.NewsroomSanitize.sanitizeContent(dirty);
      const box = document.createElement('div');
      document.body.replaceChildren(box);
      box.innerHTML = html;
      // Give event handlers (onerror, ontoggle…) their chance to fire.
      await new Promise((r) => setTimeout(r, 150));
      const all = [...box.querySelectorAll('*')];
      return {
        html,
        pwned: w.__pwned,
        scripts: box.querySelectorAll('script').length,
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}.${a.name}`)),
        styles: all.filter((el) => el.hasAttribute('style')).length,
        hrefs: all.filter((el) => el.hasAttribute('href')).map((el) => el.getAttribute('href')!),
        tags: [...new Set(all.map((el) => el.tagName.toLowerCase()))],
        classes: all.flatMap((el) => [...el.classList]),
        anchors: [...box.querySelectorAll('a')].map((a) => ({ rel: a.getAttribute('rel'), target: a.getAttribute('target') })),
      };
    },
    { dirty, raw },
  );
}

const ALLOWED = ['p', 'br', 'a', 'span', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'];

describe.skipIf(process.env.NEWSROOM_SKIP_BROWSER_TESTS === '1')('sanitizer in Chromium', () => {
  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH');
    const code = await bundle();
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: code });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('the harness detects a live payload (control: unsanitized)', async () => {
    const r = await inspect('<img src="x:" onerror="window.__pwned=true">', true);
    expect(r.pwned).toBe(true);
  });

  it.each([
    ['script element', '<p>hi<script>window.__pwned=true</script></p>'],
    ['img onerror', '<img src="x:" onerror="window.__pwned=true">'],
    ['svg script', '<svg><script>window.__pwned=true</script></svg>'],
    ['svg onload', '<svg onload="window.__pwned=true"></svg>'],
    ['details ontoggle', '<details open ontoggle="window.__pwned=true"><summary>x</summary></details>'],
    ['mXSS via math/style', '<math><mtext><table><mglyph><style><img src="x:" onerror="window.__pwned=true">'],
    ['noscript mXSS', '<noscript><p title="</noscript><img src=x: onerror=window.__pwned=true>">'],
    ['iframe srcdoc', '<iframe srcdoc="<script>parent.__pwned=true</script>"></iframe>'],
    ['handler on an allowed tag', '<p onclick="window.__pwned=true" onmouseover="window.__pwned=true">p</p>'],
  ])('%s is inert', async (_name, dirty) => {
    const r = await inspect(dirty);
    expect(r.pwned).toBe(false);
    expect(r.scripts).toBe(0);
    expect(r.handlers).toEqual([]);
    expect(r.tags.filter((t) => !ALLOWED.includes(t))).toEqual([]);
  });

  it.each([
    'javascript:window.__pwned=true',
    'JaVaScRiPt:window.__pwned=true',
    ' javascript:window.__pwned=true',
    'java&#x0A;script:window.__pwned=true',
    'java\tscript:window.__pwned=true',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/relative',
    '//evil.example/',
  ])('drops the href %j', async (href) => {
    const r = await inspect(`<a href="${href}">link</a>`);
    expect(r.hrefs).toEqual([]);
    expect(r.html).toContain('link');
  });

  it('keeps http(s) links, forces rel and target, and filters classes', async () => {
    const r = await inspect('<a href="https://social.example/tags/brand" onclick="window.__pwned=true" class="mention hashtag wall-column" rel="opener">#brand</a>');
    expect(r.hrefs).toEqual(['https://social.example/tags/brand']);
    expect(r.anchors).toEqual([{ rel: 'nofollow noopener noreferrer', target: '_blank' }]);
    expect(r.classes.sort()).toEqual(['hashtag', 'mention']);
    expect(r.handlers).toEqual([]);
  });

  it('removes style and other attributes, and classes that could borrow the app styles', async () => {
    const r = await inspect('<p style="position:fixed;inset:0">overlay</p><span class="conn conn-ok" title="t" data-x="1" style="color:red">x</span><span class="invisible">https://</span>');
    expect(r.styles).toBe(0);
    expect(r.classes).toEqual(['invisible']);
    expect(r.html).not.toMatch(/title=|data-x|style=/);
  });

  it('keeps ordinary post formatting', async () => {
    const dirty = '<p>Hello <strong>bold</strong> <em>it</em><br>next</p><ul><li>a</li></ul><ol><li>b</li></ol><blockquote>q</blockquote><pre><code>c</code></pre>';
    const r = await inspect(dirty);
    expect(r.html).toBe(dirty);
  });
});

describe('sanitizer without a DOM', () => {
  it('fails closed: no markup at all comes out', () => {
    const clean = createSanitizer(undefined)('<p>hi</p><script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(clean).not.toContain('<');
    expect(clean).toContain('hi');
  });
});
