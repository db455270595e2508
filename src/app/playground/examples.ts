// The playground's first tabs: one query, one mutation, one subscription (used until the user's own
// tabs are saved in the browser).
export const EXAMPLE_TABS = [
  {
    query: `# Queue health and the newest jobs. Run with the ▶ button (Ctrl-Enter).
query QueueAndJobs {
  queueStats {
    pending
    running
    failureRate1h
    busySlots
    totalSlots
  }
  jobs(first: 5) {
    totalCount
    nodes {
      id
      type
      argsSummary
      status
      durationMs
    }
  }
}
`,
  },
  {
    query: `# Queue a Diagnostic job: it reports progress for \`steps\` steps over \`sleepMs\`.
mutation SubmitDiagnostic($args: JSON) {
  submitJob(input: { type: "Diagnostic", args: $args }) {
    id
    status
    queuedAt
  }
}
`,
    variables: `{ "args": { "sleepMs": 2000, "steps": 4 } }`,
  },
  {
    query: `# Every job's status changes, live over graphql-ws. Start it, then submit a job in another tab.
subscription JobChanges {
  jobUpdated {
    id
    type
    status
    progress {
      done
      total
    }
  }
}
`,
  },
];
