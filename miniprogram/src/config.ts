/**
 * Settings of the mini-program build. API_BASE must be an HTTPS domain on the request and uploadFile
 * whitelists in the mini-program's console (WeChat DevTools can skip the check while developing); the
 * template ids must be the ones the server sends (WX_TEMPLATE_STATUS, WX_TEMPLATE_CADRE).
 */
export const API_BASE = 'http://127.0.0.1:8787'
export const STATUS_TEMPLATE = 'demo-status-template'
export const CADRE_TEMPLATE = 'demo-cadre-template'
