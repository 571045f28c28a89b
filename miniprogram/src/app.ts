import { signIn } from './lib/api.ts'

// Sign in at launch so the first tap is not kept waiting; a page signs in itself if this has not finished.
App({
  onLaunch() {
    signIn().catch(() => undefined)
  },
})
