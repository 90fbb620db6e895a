#!/usr/bin/env node
// Headless-Chromium page checker for zonegov.
//
//   node check.mjs BASE_URL OUTDIR PATH [PATH...]
//
// For each PATH it opens BASE_URL+PATH in Debian's chromium (/usr/bin/chromium,
// or $CHROMIUM), waits for load + network idle, and fails the page on:
//   - console messages of type "error",
//   - uncaught page errors,
//   - failed requests and responses with status >= 400,
//   - any request to a host other than 127.0.0.1 / localhost / [::1]
//     (such requests are aborted: the app must work on an isolated network),
//   - an element with a data-echarts attribute that holds no <canvas>/<svg>
//     within 5 s ("chart did not render").
// A full-page PNG of every page is written to OUTDIR.
// Prints "ok /path" or "FAIL /path: reason; ..." per page, then
// "browser: N passed, N failed"; exits 1 if any page failed.
//
// Env: CHROMIUM (browser binary), CHECK_TIMEOUT_MS (navigation / network-idle
// timeout per page, default 30000), CHECK_CHART_TIMEOUT_MS (default 5000),
// CHECK_CHART_SETTLE_MS (pause after charts render, before the screenshot, so
// ECharts' entry animation has finished; default 1500).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 30000);
const CHART_TIMEOUT_MS = Number(process.env.CHECK_CHART_TIMEOUT_MS || 5000);
const CHART_SETTLE_MS = Number(process.env.CHECK_CHART_SETTLE_MS || 1500);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
// Schemes that never touch the network.
const OFFLINE_SCHEMES = new Set(['data:', 'blob:', 'about:', 'javascript:']);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: node check.mjs BASE_URL OUTDIR PATH [PATH...]');
  process.exit(2);
}

/** true if the URL may be loaded: local host, or a scheme without network. */
function isAllowed(urlString) {
  let u;
  try {
    u = new URL(urlString);
  } catch {
    return false;
  }
  if (OFFLINE_SCHEMES.has(u.protocol)) return true;
  return LOCAL_HOSTS.has(u.hostname.toLowerCase());
}

function joinUrl(base, p) {
  return base.replace(/\/+$/, '') + (p.startsWith('/') ? p : `/${p}`);
}

/** "/" -> "index", "/zones/12?tab=a" -> "zones_12_tab_a" */
function sanitize(p) {
  const s = p
    .replace(/^\/+/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 120);
  return s || 'index';
}

function short(text, max = 300) {
  const t = String(text).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

async function main() {
  const [baseUrl, outDir, ...paths] = process.argv.slice(2);
  if (!baseUrl || !outDir || paths.length === 0) usage();
  try {
    new URL(baseUrl);
  } catch {
    usage(`BASE_URL is not a URL: ${baseUrl}`);
  }
  fs.mkdirSync(outDir, { recursive: true });

  const results = paths.map((p) => ({ path: p, failures: [] }));
  if (!fs.existsSync(CHROMIUM)) {
    const why = `chromium not found at ${CHROMIUM} (run tests/browser/install.sh or set CHROMIUM)`;
    for (const r of results) r.failures.push(why);
    return report(results);
  }
  let current = null; // result record of the page being checked
  const fail = (msg) => current && current.failures.push(short(msg));

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonegov-chromium-'));
  let context;
  try {
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
        serviceWorkers: 'block',
        acceptDownloads: false,
        timeout: 60000,
      });
    } catch (err) {
      for (const r of results) r.failures.push(short(`browser launch failed: ${err.message}`, 500));
      return report(results);
    }
    for (const pg of context.pages()) await pg.close();

    // Network block: abort every request that leaves the machine.
    const blocked = new Set();
    await context.route(
      (url) => !isAllowed(url.href),
      async (route) => {
        const url = route.request().url();
        blocked.add(url);
        fail(`blocked external request ${url}`);
        await route.abort('blockedbyclient');
      },
    );
    if (typeof context.routeWebSocket === 'function') {
      await context.routeWebSocket(
        (url) => !isAllowed(url.href.replace(/^ws/, 'http')),
        (ws) => {
          fail(`blocked external websocket ${ws.url()}`);
          ws.close();
        },
      );
    }

    // Sign in first when credentials are given (LOGIN_USER / LOGIN_PASSWORD): the
    // session cookie then rides along in this browser context for every page.
    if (process.env.LOGIN_USER && process.env.LOGIN_PASSWORD) {
      const login = await context.newPage();
      try {
        await login.goto(joinUrl(baseUrl, '/login'), { waitUntil: 'load' });
        await login.fill('input[name=username]', process.env.LOGIN_USER);
        await login.fill('input[name=password]', process.env.LOGIN_PASSWORD);
        await Promise.all([login.waitForNavigation({ waitUntil: 'load' }), login.click('button[type=submit]')]);
        if (new URL(login.url()).pathname.startsWith('/login')) {
          const why = (await login.locator('#login-error').textContent().catch(() => '')) || 'still on /login';
          for (const r of results) r.failures.push(short(`sign-in failed: ${why}`, 300));
        }
      } catch (err) {
        for (const r of results) r.failures.push(short(`sign-in failed: ${err.message}`, 300));
      }
      // Keep this tab open: closing a persistent context's last tab ends the
      // browser session, and session cookies with it.
    }

    const usedNames = new Set();
    for (const r of results) {
      current = r;
      const url = joinUrl(baseUrl, r.path);
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT_MS);
      page.on('load', () => {
        const landed = new URL(page.url()).pathname;
        if (landed === '/login' && !r.path.startsWith('/login')) fail(`redirected to sign-in (not signed in): ${r.path}`);
      });

      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const loc = msg.location();
        const where = loc && loc.url ? ` (at ${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
        fail(`console error: ${msg.text()}${where}`);
      });
      page.on('pageerror', (err) => fail(`page error: ${err.message}`));
      page.on('crash', () => fail('page crashed'));
      page.on('requestfailed', (req) => {
        if (blocked.has(req.url())) return; // already reported as blocked
        const why = req.failure() ? req.failure().errorText : 'unknown error';
        fail(`request failed ${req.url()}: ${why}`);
      });
      page.on('response', (res) => {
        if (res.status() >= 400) fail(`HTTP ${res.status()} ${res.url()}`);
      });

      try {
        await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
        try {
          await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS });
        } catch {
          fail(`network did not go idle within ${TIMEOUT_MS} ms`);
        }

        const charts = await page.locator('[data-echarts]').count();
        if (charts > 0) {
          try {
            await page.waitForFunction(
              () =>
                [...document.querySelectorAll('[data-echarts]')].every((el) =>
                  el.querySelector('canvas, svg'),
                ),
              null,
              { timeout: CHART_TIMEOUT_MS, polling: 100 },
            );
          } catch {
            const missing = await page.evaluate(() =>
              [...document.querySelectorAll('[data-echarts]')]
                .map((el, i) => ({ el, i }))
                .filter(({ el }) => !el.querySelector('canvas, svg'))
                .map(({ el, i }) => (el.id ? `#${el.id}` : `[data-echarts] #${i + 1}`)),
            );
            fail(`chart did not render: ${missing.join(', ')}`);
          }
          // Let ECharts' entry animation finish so the screenshot shows final values.
          await page.waitForTimeout(CHART_SETTLE_MS);
        }
      } catch (err) {
        fail(`navigation to ${url} failed: ${err.message.split('\n')[0]}`);
      }

      let name = sanitize(r.path);
      for (let n = 2; usedNames.has(name); n++) name = `${sanitize(r.path)}-${n}`;
      usedNames.add(name);
      try {
        await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true, timeout: TIMEOUT_MS });
      } catch (err) {
        fail(`screenshot failed: ${err.message.split('\n')[0]}`);
      }
      await page.close().catch(() => {});
    }
    current = null;
  } finally {
    if (context) await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return report(results);
}

function report(results) {
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.failures.length === 0) {
      passed++;
      console.log(`ok ${r.path}`);
    } else {
      failed++;
      console.log(`FAIL ${r.path}: ${[...new Set(r.failures)].join('; ')}`);
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
