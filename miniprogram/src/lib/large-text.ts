/**
 * 适老化: one switch, kept on the phone, that every page reads when it is shown. Pages put `large` on their
 * root view; app.wxss makes everything under .large bigger.
 */
const KEY = 'largeText'

export const largeTextBehavior = Behavior({
  data: { large: false },
  lifetimes: {
    attached() {
      this.setData({ large: !!wx.getStorageSync(KEY) })
    },
  },
  pageLifetimes: {
    show() {
      this.setData({ large: !!wx.getStorageSync(KEY) })
    },
  },
  methods: {
    toggleLarge() {
      const large = !this.data.large
      wx.setStorageSync(KEY, large)
      this.setData({ large })
    },
  },
})
