/** The activities of the recipient fan-out workflow. Ids only; the job row holds what is sent. */
export interface FanOutActivities {
  /**
   * Handles the recipients after `after` (by id) in the job's region subtree, one page: sends each household's
   * workflow the job's command and adds the page to the job's counts (once per page: the cursor must still be
   * `after`). Returns the last id handled, or null when there was nothing left.
   */
  fanOutPage(input: { jobId: string; after?: string }): Promise<{ next: string | null }>;
  /** Marks the job finished (once). */
  finishJob(input: { jobId: string; at: number }): Promise<void>;
}
