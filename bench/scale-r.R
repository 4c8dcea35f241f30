# R survey on the scale benchmark's work (bench/scale.ts writes the data): both waves read and
# raked on sex, age band and ward to the same margins; for every question its overall estimate in
# both waves (the change) and, in the later wave, by each breakdown: svyby(svymean) and, for a
# single-choice question, svychisq. One call per question × breakdown, every group at once, on the
# design subset with `[` (weights 0 outside, no copy of the data): nothing is done per respondent
# or per group in R code. Not done, so R's time is an underestimate: the between-group covariances
# (svyby(covmat = TRUE) stops on raked designs in survey 4.1.1) and the group comparisons built from them.
# Prints "setup <s>", then "question <i> <of> <s>" after each question (seconds since the start, reading
# the CSVs included), so a run stopped at its time limit can be extrapolated.
# Usage: Rscript bench/scale-r.R <dir with plan.json, wave-2025.csv, wave-2026.csv, margins.csv>
suppressMessages({
  library(survey)
  library(jsonlite)
})
dir <- commandArgs(trailingOnly = TRUE)[1]
t0 <- Sys.time()
elapsed <- function() as.numeric(difftime(Sys.time(), t0, units = "secs"))
plan <- fromJSON(file.path(dir, "plan.json"), simplifyVector = FALSE)
single <- unlist(plan$single)
by <- unlist(plan$by)
numeric <- unlist(plan$numeric)
multi <- lapply(plan$multi, function(m) list(name = m$name, columns = paste0(m$name, "__", unlist(m$options))))
m <- read.csv(file.path(dir, "margins.csv"), stringsAsFactors = FALSE, colClasses = "character")
m$target <- as.numeric(m$target)

# Raked with calibrate(calfun = "raking"): the same weights as rake() (to 1e-9 here) and the same SEs
# (to 1e-13), but its variance projects each score on the margins once (a QR) where rake()'s design
# backfits 10 sweeps × 3 margins of ave() per score column, ten times slower at 10,000 and the
# reason a first version of this script did not finish 10,000 in 10 minutes.
raked <- function(wave) {
  d <- read.csv(file.path(dir, paste0("wave-", wave, ".csv")), na.strings = "", check.names = FALSE,
                colClasses = c(setNames(rep("character", length(unique(c(single, by)))), unique(c(single, by)))))
  for (v in unique(c(single, by))) d[[v]] <- factor(d[[v]])
  d$one <- 1
  des <- svydesign(ids = ~1, weights = ~one, data = d)
  totals <- lapply(c("sex", "age_band", "ward"), function(v) {
    x <- m[m$variable == v, ]
    x$target[match(levels(d[[v]]), x$category)]
  })
  population <- c(sum(totals[[1]]), unlist(lapply(totals, function(t) t[-1])))
  calibrate(des, ~sex + age_band + ward, population, calfun = "raking", maxit = 100)
}
earlier <- raked("2025")
later <- raked("2026")
cat("setup", elapsed(), "\n")
flush(stdout())

questions <- c(
  lapply(single, function(q) list(name = q, columns = q, formula = as.formula(paste0("~factor(", q, ")")), single = TRUE)),
  lapply(multi, function(x) list(name = x$name, columns = x$columns, formula = as.formula(paste0("~", paste(x$columns, collapse = "+"))), single = FALSE)),
  lapply(numeric, function(q) list(name = q, columns = q, formula = as.formula(paste0("~", q)), single = FALSE))
)
answered <- function(des, columns) !is.na(des$variables[[columns[1]]])
for (i in seq_along(questions)) {
  q <- questions[[i]]
  for (des in list(earlier, later)) invisible(svymean(q$formula, des[answered(des, q$columns), ], na.rm = TRUE))
  for (b in by) {
    if (b == q$name) next
    sub <- later[answered(later, q$columns) & !is.na(later$variables[[b]]), ]
    invisible(svyby(q$formula, as.formula(paste0("~", b)), sub, svymean, na.rm = TRUE))
    # A table whose design effect matrix is singular (a question fixed by the weighting, e.g. by
    # ward) stops svychisq's solve(); its work is done by then, so the run goes on.
    if (q$single) invisible(tryCatch(svychisq(as.formula(paste0("~", q$name, "+", b)), sub), error = function(e) NULL))
  }
  cat("question", i, length(questions), elapsed(), "\n")
  flush(stdout())
}
cat("total", elapsed(), "\n")
