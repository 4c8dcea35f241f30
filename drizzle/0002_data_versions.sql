CREATE TABLE `data_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Counters the report cache is keyed by (server/jobs/queries.ts): a change to what the analyses read bumps its scope.
-- 'crime' covers recorded crime, population, areas, the ward lookup and the ward boundaries (maps in the committee report).
-- responses: not on an update of `weight` alone (a weighting run writes every row; its weighting_runs row bumps the wave once).
CREATE TRIGGER `responses_version_insert` AFTER INSERT ON `responses` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('wave:' || NEW.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_version_delete` AFTER DELETE ON `responses` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('wave:' || OLD.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_version_update` AFTER UPDATE OF `wave_id`, `status`, `answers`, `survey_version`, `synthetic`, `design_weight` ON `responses` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('wave:' || NEW.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weighting_runs_version_insert` AFTER INSERT ON `weighting_runs` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('wave:' || NEW.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weighting_runs_version_update` AFTER UPDATE ON `weighting_runs` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('wave:' || NEW.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weighting_runs_version_delete` AFTER DELETE ON `weighting_runs` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('wave:' || OLD.`wave_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_version_insert` AFTER INSERT ON `surveys` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_version_update` AFTER UPDATE ON `surveys` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `surveys_version_delete` AFTER DELETE ON `surveys` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `waves_version_insert` AFTER INSERT ON `waves` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `waves_version_update` AFTER UPDATE ON `waves` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `waves_version_delete` AFTER DELETE ON `waves` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `links_version_insert` AFTER INSERT ON `links` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `links_version_update` AFTER UPDATE ON `links` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `links_version_delete` AFTER DELETE ON `links` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('surveys', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `crime_version_insert` AFTER INSERT ON `crime` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `crime_version_update` AFTER UPDATE ON `crime` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `crime_version_delete` AFTER DELETE ON `crime` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `population_version_insert` AFTER INSERT ON `population` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `population_version_update` AFTER UPDATE ON `population` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `population_version_delete` AFTER DELETE ON `population` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `areas_version_insert` AFTER INSERT ON `areas` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `areas_version_update` AFTER UPDATE ON `areas` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `areas_version_delete` AFTER DELETE ON `areas` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lsoa_ward_version_insert` AFTER INSERT ON `lsoa_ward` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lsoa_ward_version_update` AFTER UPDATE ON `lsoa_ward` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lsoa_ward_version_delete` AFTER DELETE ON `lsoa_ward` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `boundaries_version_insert` AFTER INSERT ON `boundaries` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `boundaries_version_update` AFTER UPDATE ON `boundaries` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `boundaries_version_delete` AFTER DELETE ON `boundaries` BEGIN
	INSERT INTO `data_versions` (`scope`, `version`) VALUES ('crime', 1) ON CONFLICT(`scope`) DO UPDATE SET `version` = `version` + 1;
END;
