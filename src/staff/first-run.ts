// The first start with no staff account: a one-time setup link in PLEDGE_DATA_DIR/setup-link (mode
// 0600), never in the log. Once an account is set up, the next start removes the file.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../log.ts'
import type { StaffDirectory } from './accounts.ts'
import { setupLinkUrl } from './links.ts'
import { SETUP_LINK_HOURS } from './accounts.ts'

export const SETUP_LINK_FILE = 'setup-link'

export async function ensureFirstRunLink(directory: StaffDirectory, dataDir: string, baseUrl: string, logger: Pick<Logger, 'info' | 'warn'>): Promise<'written' | 'kept' | 'none'> {
  const path = join(dataDir, SETUP_LINK_FILE)
  const result = await directory.firstRunLink(async (isValid) => {
    if (!existsSync(path)) return false
    const token = /[?&]token=([A-Za-z0-9_-]{43})/.exec(readFileSync(path, 'utf8'))?.[1]
    return token !== undefined && (await isValid(token))
  })
  if ('token' in result) {
    // With PostgreSQL the data directory may not exist yet (nothing else needed it).
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    writeFileSync(path, `${setupLinkUrl(baseUrl, result.token)}\n`, { mode: 0o600 })
    logger.info({ file: path, validHours: SETUP_LINK_HOURS }, 'no staff account yet: open the one-time setup link in this file to create the first one (staff administrator)')
    return 'written'
  }
  if (result.reason === 'accounts_exist') {
    if (existsSync(path)) rmSync(path, { force: true })
    return 'none'
  }
  if (existsSync(path)) logger.info({ file: path }, 'no staff account yet: the one-time setup link is still in this file')
  else logger.warn('no staff account yet, and another instance holds the valid setup link: use its file, or make an account with `pledge staff add EMAIL --role staff_admin`')
  return 'kept'
}
