-- counts per phase x topic field
SELECT phase, field, count(*) FROM projects GROUP BY phase, field;
