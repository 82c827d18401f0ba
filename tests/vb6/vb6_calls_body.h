/* vb6_calls_body.h - the calls of one branch of ProfShim.bas, included by vb6_calls.c once
 * per branch with BRANCH ("VB6", "VBA7"), DECL(name) (that branch's function for the
 * Declare `name`, from vb6_declares.h) and RUN_BRANCH (the function to define).
 * Arguments are what a VB caller passes: ByVal String an ANSI copy, NUL-terminated, of the
 * String (the buffers are String$(n, vbNullChar)); the _w ones StrPtr(s) and Len(s). */
static void RUN_BRANCH(void)
{
    char dn[] = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    char crlf[] = "EXCH01\r\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    psh_wchar wdn[64], wout[256];
    int32_t wdn_len = to_utf16(dn, wdn);
    char out[1024];
    int32_t n;
    int32_t status;
    vb_psh_report report;

    result(sizeof(vb_psh_report) == sizeof(psh_report), "%s: Type psh_report is %d bytes, the C struct %d",
           BRANCH, (int)sizeof(vb_psh_report), (int)sizeof(psh_report));

    status = DECL(psh_version)();
    result(status == PSH_VERSION_NUMBER, "%s psh_version: %d, header %d", BRANCH, (int)status, PSH_VERSION_NUMBER);

    /* psh_check: the KB Q271913 case, and the CRLF one */
    memset(&report, 0x55, sizeof report);
    report.size = (int32_t)sizeof report;
    status = DECL(psh_check)(dn, -1, &report);
    result(status == PSH_E_UNSAFE_CHAR && report.status == status && report.form == PSH_FORM_DN &&
           report.error_offset == 7 && report.rewritable == 1 && report.server_offset == 0 &&
           report.server_length == 6 && report.mailbox_offset == 7,
           "%s psh_check(DN): status 0x%08lX form %d error_offset %d rewritable %d", BRANCH,
           (unsigned long)status, (int)report.form, (int)report.error_offset, (int)report.rewritable);
    memset(&report, 0, sizeof report);
    report.size = (int32_t)sizeof report;
    status = DECL(psh_check)(crlf, (int32_t)strlen(crlf), &report);
    result(status == PSH_E_BAD_CHAR && report.error_offset == 6,
           "%s psh_check(CRLF): status 0x%08lX error_offset %d", BRANCH, (unsigned long)status, (int)report.error_offset);
    status = DECL(psh_check)(dn, -1, NULL);     /* a report is optional */
    result(status == PSH_E_UNSAFE_CHAR, "%s psh_check(report NULL): 0x%08lX", BRANCH, (unsigned long)status);

    /* psh_check_w */
    memset(&report, 0, sizeof report);
    report.size = (int32_t)sizeof report;
    status = DECL(psh_check_w)((intptr_t)wdn, wdn_len, &report);
    result(status == PSH_E_UNSAFE_CHAR && report.error_offset == 7 && report.mailbox_length == wdn_len - 7,
           "%s psh_check_w: status 0x%08lX error_offset %d", BRANCH, (unsigned long)status, (int)report.error_offset);

    /* psh_rewrite: the buffer protocol, then the result */
    n = -1;
    status = DECL(psh_rewrite)(dn, -1, 0, NULL, 0, &n);    /* vbNullString, 0 */
    result(status == PSH_E_INSUFFICIENT_BUFFER && n == 11, "%s psh_rewrite(NULL, 0): 0x%08lX n %d",
           BRANCH, (unsigned long)status, (int)n);
    memset(out, 0, sizeof out);
    status = DECL(psh_rewrite)(dn, -1, 0, out, n + 1, &n);
    result(status == PSH_OK && n == 11 && strcmp(out, "EXCH01\njdoe") == 0, "%s psh_rewrite: 0x%08lX \"%s\"",
           BRANCH, (unsigned long)status, out);
    status = DECL(psh_rewrite)(dn, -1, (int32_t)PSH_REWRITE_KEEP_DN, out, (int32_t)sizeof out - 1, &n);
    result(status == PSH_E_UNSAFE_CHAR, "%s psh_rewrite(KEEP_DN): 0x%08lX", BRANCH, (unsigned long)status);

    /* psh_rewrite_w */
    memset(wout, 0, sizeof wout);
    status = DECL(psh_rewrite_w)((intptr_t)wdn, wdn_len, 0, (intptr_t)wout, 255, &n);
    result(status == PSH_OK && wide_equals(wout, n, "EXCH01\njdoe"), "%s psh_rewrite_w: 0x%08lX n %d",
           BRANCH, (unsigned long)status, (int)n);

    /* psh_profile_name and psh_profile_name_w: the same stable name */
    memset(out, 0, sizeof out);
    status = DECL(psh_profile_name)(dn, -1, 0, out, PSH_PROFILE_NAME_MAX + 1, &n);
    result(status == PSH_OK && strcmp(out, "exch01_jdoe_79a53f4ad2d29daa") == 0,
           "%s psh_profile_name: 0x%08lX \"%s\"", BRANCH, (unsigned long)status, out);
    memset(wout, 0, sizeof wout);
    status = DECL(psh_profile_name_w)((intptr_t)wdn, wdn_len, 0, (intptr_t)wout, PSH_PROFILE_NAME_MAX + 1, &n);
    result(status == PSH_OK && wide_equals(wout, n, "exch01_jdoe_79a53f4ad2d29daa"),
           "%s psh_profile_name_w: 0x%08lX n %d", BRANCH, (unsigned long)status, (int)n);

    /* psh_describe and psh_describe_w */
    memset(out, 0, sizeof out);
    status = DECL(psh_describe)(PSH_E_UNSAFE_CHAR, out, (int32_t)sizeof out - 1, &n);
    result(status == PSH_OK && strncmp(out, "PSH_E_UNSAFE_CHAR: ", 19) == 0 && n == (int32_t)strlen(out),
           "%s psh_describe: 0x%08lX \"%s\"", BRANCH, (unsigned long)status, out);
    memset(wout, 0, sizeof wout);
    status = DECL(psh_describe_w)(PSH_E_BAD_CHAR, (intptr_t)wout, 255, &n);
    result(status == PSH_OK && n > 16 && wide_equals(wout, 16, "PSH_E_BAD_CHAR: "),
           "%s psh_describe_w: 0x%08lX n %d", BRANCH, (unsigned long)status, (int)n);
    status = DECL(psh_describe_w)(PSH_OK, 0, 0, &n);
    result(status == PSH_E_INSUFFICIENT_BUFFER && n > 0, "%s psh_describe_w(0, 0): 0x%08lX n %d",
           BRANCH, (unsigned long)status, (int)n);
}
