-- Each organisation's time zone: the clock on which its sealed documents, certificates and pages
-- print times. NULL: the zone of its language (nb: Europe/Oslo, da: Europe/Copenhagen).
ALTER TABLE organisations ADD COLUMN time_zone TEXT;
