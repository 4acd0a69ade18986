"""Follow-up on abort: a GitHub issue once per canary revision, a PR when a fix is proposed.

Only this package talks to GitHub (import-linter enforces it). Entry point:
`GitHubFollowUp(settings).on_result(result)` (or `.submit(result)` in the background).
"""

from exporter.remediation.github_followup import FollowUpOutcome, GitHubFollowUp

__all__ = ["FollowUpOutcome", "GitHubFollowUp"]
