/** The run summary's data model, as written to summary.json. */
package dev.fracture.reports.summary;
