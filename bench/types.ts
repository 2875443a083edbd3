/** One line of bench/RESULTS.md: a measurement and, where there is one, its baseline from the same run. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  baseline?: number
  /** baseline ÷ value for times: how many times faster than the baseline. */
  ratio?: number
  note?: string
}
