/** Remembers the last message ids seen, so a duplicate event from WeChat is handled once. */
export class RecentIds {
  private readonly ids = new Set<string>()
  constructor(private readonly capacity = 10_000) {}

  /** false if the id was seen already */
  add(id: string): boolean {
    if (this.ids.has(id)) return false
    this.ids.add(id)
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!)
    return true
  }
}
