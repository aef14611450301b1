#!/usr/bin/env node
// Runs test/support/import-cli.ts through tsx, like bin/pledge.js runs the real command.
import { register } from 'tsx/esm/api'

register()
await import('./import-cli.ts')
