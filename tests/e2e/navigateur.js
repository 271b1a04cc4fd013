// Loads a page of mediationd in headless Chromium as a person would, with
// a bearer token (headless Chromium has no flag for a header: this drives
// it over the DevTools protocol, on a pipe, with Node's standard library
// only).
//
//   node navigateur.js URL TOKEN_FILE|- SCREENSHOT.png
//
// Prints the HTTP status of the page on the first line, then its rendered
// text (document.body.innerText); writes a screenshot of the page. Exits 1
// when the page does not load within 60 s. The test's server certificate is
// signed by the development CA, which this browser profile does not know:
// certificate errors are ignored here (TLS itself is checked with curl).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, tokenFile, screenshot] = process.argv.slice(2);
const token = tokenFile === '-' ? '' : fs.readFileSync(tokenFile, 'utf8').trim();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'navigateur-'));
const args = ['--headless', '--disable-gpu', '--no-first-run',
  '--remote-debugging-pipe', '--ignore-certificate-errors',
  `--user-data-dir=${profile}`, '--window-size=1000,1300'];
if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
args.push('about:blank');
const chrome = spawn(process.env.CHROMIUM || 'chromium', args,
  { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const toChrome = chrome.stdio[3];
const fromChrome = chrome.stdio[4];

let lastId = 0;
const pending = new Map();
const listeners = new Set();
function send(method, params = {}, sessionId = undefined) {
  return new Promise((resolve, reject) => {
    const message = { id: ++lastId, method, params };
    if (sessionId) message.sessionId = sessionId;
    pending.set(message.id, { resolve, reject });
    toChrome.write(JSON.stringify(message) + '\0');
  });
}
let buffer = Buffer.alloc(0);
fromChrome.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  let end;
  while ((end = buffer.indexOf(0)) >= 0) {
    const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
    buffer = buffer.subarray(end + 1);
    if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
    } else {
      for (const listener of listeners) listener(message);
    }
  }
});
function waitFor(predicate, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout: ${what}`)), 60000);
    const listener = (message) => {
      if (!predicate(message)) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(message);
    };
    listeners.add(listener);
  });
}

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Network.enable', {}, sessionId);
  await send('Page.enable', {}, sessionId);
  if (token) {
    await send('Network.setExtraHTTPHeaders',
      { headers: { Authorization: `Bearer ${token}` } }, sessionId);
  }
  const response = waitFor((m) => m.method === 'Network.responseReceived' &&
    m.params.type === 'Document', 'the page');
  const loaded = waitFor((m) => m.method === 'Page.loadEventFired', 'load');
  await send('Page.navigate', { url }, sessionId);
  const status = (await response).params.response.status;
  await loaded;
  const text = await send('Runtime.evaluate',
    { expression: 'document.body ? document.body.innerText : ""', returnByValue: true },
    sessionId);
  const shot = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
  fs.writeFileSync(screenshot, Buffer.from(shot.data, 'base64'));
  process.stdout.write(`${status}\n${text.result.value}\n`);
  await send('Browser.close').catch(() => {});
}

// Once Chromium has exited (it writes its profile until then).
function finish(code) {
  const done = () => {
    try {
      fs.rmSync(profile, { recursive: true, force: true });
    } catch (error) {
      process.stderr.write(`navigateur: ${profile} left: ${error.message}\n`);
    }
    process.exit(code);
  };
  if (chrome.exitCode !== null || chrome.signalCode !== null) return done();
  chrome.once('exit', done);
  setTimeout(() => chrome.kill('SIGKILL'), 5000);
}

main().then(() => finish(0), (error) => {
  process.stderr.write(`navigateur: ${error.message}\n`);
  chrome.kill('SIGKILL');
  finish(1);
});
