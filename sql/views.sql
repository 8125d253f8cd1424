-- Views over `cells`. A derived figure is NULL when any of its parts is NULL (missing or
-- ambiguous): a cut-off table never reads as 0.

CREATE OR REPLACE VIEW applications AS
WITH c AS (
    SELECT report_id, col_key AS applicant, row_key, value
    FROM cells WHERE table_key = 'applications'
), w AS (
    SELECT report_id, applicant,
        max(value) FILTER (WHERE row_key = 'new_received')              AS new_received,
        max(value) FILTER (WHERE row_key = 'carried_over')              AS carried_over,
        max(value) FILTER (WHERE row_key = 'disclosed')                 AS disclosed,
        max(value) FILTER (WHERE row_key = 'partially_disclosed')       AS partially_disclosed,
        max(value) FILTER (WHERE row_key = 'withheld_state_secret')     AS withheld_state_secret,
        max(value) FILTER (WHERE row_key = 'withheld_prohibited')       AS withheld_prohibited,
        max(value) FILTER (WHERE row_key = 'withheld_three_safeties')   AS withheld_three_safeties,
        max(value) FILTER (WHERE row_key = 'withheld_third_party')      AS withheld_third_party,
        max(value) FILTER (WHERE row_key = 'withheld_internal_affairs') AS withheld_internal_affairs,
        max(value) FILTER (WHERE row_key = 'withheld_process_info')     AS withheld_process_info,
        max(value) FILTER (WHERE row_key = 'withheld_enforcement_file') AS withheld_enforcement_file,
        max(value) FILTER (WHERE row_key = 'withheld_admin_query')      AS withheld_admin_query,
        max(value) FILTER (WHERE row_key = 'unavailable_not_held')      AS unavailable_not_held,
        max(value) FILTER (WHERE row_key = 'unavailable_needs_creation') AS unavailable_needs_creation,
        max(value) FILTER (WHERE row_key = 'unavailable_unclear')       AS unavailable_unclear,
        max(value) FILTER (WHERE row_key = 'unprocessed_petition')      AS unprocessed_petition,
        max(value) FILTER (WHERE row_key = 'unprocessed_repeat')        AS unprocessed_repeat,
        max(value) FILTER (WHERE row_key = 'unprocessed_publication')   AS unprocessed_publication,
        max(value) FILTER (WHERE row_key = 'unprocessed_mass_repeat')   AS unprocessed_mass_repeat,
        max(value) FILTER (WHERE row_key = 'unprocessed_confirmation')  AS unprocessed_confirmation,
        max(value) FILTER (WHERE row_key = 'other')                     AS other_printed,
        max(value) FILTER (WHERE row_key = 'other_no_correction')       AS other_no_correction,
        max(value) FILTER (WHERE row_key = 'other_no_fee')              AS other_no_fee,
        max(value) FILTER (WHERE row_key = 'other_misc')                AS other_misc,
        max(value) FILTER (WHERE row_key = 'handled_total')             AS handled_total,
        max(value) FILTER (WHERE row_key = 'carried_forward')           AS carried_forward
    FROM c GROUP BY report_id, applicant
)
SELECT r.report_id, r.agency, r.region, r.year, r.form, w.* EXCLUDE (report_id, other_printed),
    CASE WHEN r.form = 2021 AND w.other_printed IS NULL
         THEN w.other_no_correction + w.other_no_fee + w.other_misc
         ELSE w.other_printed END AS other,
    w.withheld_state_secret + w.withheld_prohibited + w.withheld_three_safeties + w.withheld_third_party
        + w.withheld_internal_affairs + w.withheld_process_info + w.withheld_enforcement_file
        + w.withheld_admin_query AS withheld,
    w.unavailable_not_held + w.unavailable_needs_creation + w.unavailable_unclear AS unavailable,
    w.unprocessed_petition + w.unprocessed_repeat + w.unprocessed_publication + w.unprocessed_mass_repeat
        + w.unprocessed_confirmation AS unprocessed
FROM w JOIN reports r USING (report_id);

CREATE OR REPLACE VIEW review AS
SELECT r.report_id, r.agency, r.region, r.year, r.form, c.row_key AS kind,
    max(value) FILTER (WHERE col_key = 'upheld')    AS upheld,
    max(value) FILTER (WHERE col_key = 'corrected') AS corrected,
    max(value) FILTER (WHERE col_key = 'other')     AS other,
    max(value) FILTER (WHERE col_key = 'pending')   AS pending,
    max(value) FILTER (WHERE col_key = 'total')     AS total
FROM cells c JOIN reports r USING (report_id)
WHERE c.table_key = 'review'
GROUP BY ALL;

CREATE OR REPLACE VIEW active AS
SELECT r.report_id, r.agency, r.region, r.year, r.form, c.row_key AS item,
    max(value) FILTER (WHERE col_key = 'new_made')        AS new_made,
    max(value) FILTER (WHERE col_key = 'new_published')   AS new_published,
    max(value) FILTER (WHERE col_key = 'total_published') AS total_published,
    max(value) FILTER (WHERE col_key = 'issued')          AS issued,
    max(value) FILTER (WHERE col_key = 'repealed')        AS repealed,
    max(value) FILTER (WHERE col_key = 'in_force')        AS in_force,
    max(value) FILTER (WHERE col_key = 'previous_items')  AS previous_items,
    max(value) FILTER (WHERE col_key = 'change')          AS change,
    max(value) FILTER (WHERE col_key = 'decisions')       AS decisions,
    max(value) FILTER (WHERE col_key = 'projects')        AS projects,
    max(value) FILTER (WHERE col_key = 'amount_wan_yuan') AS amount_wan_yuan
FROM cells c JOIN reports r USING (report_id)
WHERE c.table_key = 'active'
GROUP BY ALL;

CREATE OR REPLACE VIEW failed_checks AS
SELECT r.report_id, r.agency, r.year, k.check_id, k.table_key, k.identity, k.scope, k.lhs, k.rhs, k.detail
FROM checks k JOIN reports r USING (report_id)
WHERE k.status = 'fail';
