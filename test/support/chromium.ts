/** Debian's Chromium (installed by test/support/browser-prereqs.ts, never downloaded at run time). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
