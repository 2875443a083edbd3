import { describe, expect, it } from 'vitest'
import { releaseBuildEnv } from '../../../scripts/release-build-env.mjs'

describe('the builds the app starts itself', () => {
  it('are production builds even when a test runner starts them (NODE_ENV=test would ship React for development)', () => {
    expect(releaseBuildEnv({ NODE_ENV: 'test', PATH: '/usr/bin' })).toEqual({
      NODE_ENV: 'production',
      PATH: '/usr/bin',
    })
  })
})
