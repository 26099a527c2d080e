/** Reporters: the run summary (summary.json), the HTML dashboard, Allure, and merging summaries. */
package dev.fracture.reports;
