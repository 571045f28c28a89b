/** A data file that cannot be read as it is: the service refuses to start rather than overwrite it. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    remedy = '为避免覆盖数据，服务不会启动；请从备份恢复该文件，或把它移走后运行 npm run repair -- --accept-loss 文件名，再重新启动。',
  ) {
    super(`数据文件 ${file} 无法读取：${detail}。${remedy}`)
    this.name = 'StoreError'
  }
}
