-- A second counter per wave, 'rows:<wave_id>', bumped by every change to what a wave's analysis reads
-- except a new response: a response erased or changed (the columns the 'wave:' counter watches), or a
-- weighting run. While it stands still, a wave read for analysis can be brought up to date by reading
-- only the responses added since (server/reports/wave-columns.ts) instead of all of them again.
CREATE TRIGGER `responses_rows_delete` AFTER DELETE ON `responses` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('rows:' || OLD.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_rows_update` AFTER UPDATE OF `wave_id`, `status`, `answers`, `survey_version`, `synthetic`, `design_weight` ON `responses` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('rows:' || OLD.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('rows:' || NEW.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weighting_runs_rows_insert` AFTER INSERT ON `weighting_runs` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('rows:' || NEW.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weighting_runs_rows_update` AFTER UPDATE ON `weighting_runs` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('rows:' || NEW.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weighting_runs_rows_delete` AFTER DELETE ON `weighting_runs` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('rows:' || OLD.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
