import { readFileSync } from 'node:fs'
import { PACKAGE_ROOT } from './config.ts'
import { join } from 'node:path'

export const PLEDGE_VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version
