// Debian's Chromium driven by playwright-core, launched the same way by every browser test, and the
// folder where they leave screenshots of what a person sees.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { REPO_ROOT } from './paths.ts'

export const CHROMIUM = process.env.PLEDGE_CHROMIUM ?? '/usr/bin/chromium'
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts')

/** Headless, no sandbox (CI runs as root), and none of Chromium's own network traffic. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}
