Attribute VB_Name = "ProfShim"
' ProfShim.bas: profshim for VB6 and VBA (Office 97 to 365, 32- and 64-bit).
'
' Check, rewrite and name the ProfileInfo strings given to CDO 1.21 Session.Logon
' (KB Q271913: a mailbox given as an Exchange DN makes the logon fail with
' MAPI_E_NOT_FOUND when it runs as a service).
'
' Add this module to the project and put profshim.dll (the 32-bit one for VB6 and 32-bit
' Office, the 64-bit one for 64-bit Office) next to the program or document, or on PATH.
'
'     Dim safe As String
'     safe = PshRewrite(strServer & vbLf & strMailbox)    ' raises on failure
'     objSession.Logon , , False, True, 0, True, safe
'
' The helpers (PshCheck, PshCheckReport, PshRewrite, PshProfileName, PshDescribe,
' PshVersion) call the library's UTF-16 functions through StrPtr, so a VB String goes in
' as it is, with its length, and nothing is converted to the ANSI code page. They raise
' a run-time error on failure whose Err.Number is the profshim status (an HRESULT-shaped
' Long, the PSH_E_ constants below) and whose Err.Description says what it means and what
' to do next in this module's words (PshRewrite, PshProfileName, report.rewritable; never
' the C functions, never the call that just failed).
' Offsets in a report count UTF-16 units from 0, as Len and Mid$ do: Mid$(info,
' report.error_offset + 1, 1) is the character at fault (for a character above U+FFFF,
' such as U+20BB7, which is two units, its first half).
'
' Unicode (library 1.2): through the helpers any character goes in as it is, so
' "EXCH01" & vbLf & "J" & ChrW(252) & "rgen M" & ChrW(252) & "ller" (Juergen Mueller with
' umlauts), a Chinese name or a character above U+FFFF is an alias; the server and DNs are
' ASCII. CDO still hands the string to MAPI in the ANSI code page of the process that logs
' on, where a character that code page lacks becomes "?" and brings the KB Q271913 failure
' back: to be sure, give the alias in ASCII or use PshProfileName (always ASCII).
'
' The Declares below are the library's whole C ABI (include/profshim.h), one for every
' export, for callers that want the raw functions. The byte functions (psh_check,
' psh_rewrite, psh_profile_name, psh_describe) are for ASCII or UTF-8 only, never for ANSI
' text: since 1.2 they read and write UTF-8, while a ByVal String in a Declare is converted
' by VB to the ANSI code page for the call (and a result back from it). ASCII is the same
' in both, so an ASCII ProfileInfo works; an ANSI letter such as a u with umlaut (&HFC in
' code page 1252) is not UTF-8, so the byte functions answer PSH_E_BAD_CHAR, or read two
' ANSI letters as one other character. For anything but ASCII use the helpers, which call
' the _w functions through StrPtr. bindings/vb/check_bas.py checks every Declare and
' constant here against the header.
Option Explicit

' ---- Version -------------------------------------------------------------------------
Public Const PSH_VERSION_MAJOR As Long = 1
Public Const PSH_VERSION_MINOR As Long = 2
Public Const PSH_VERSION_PATCH As Long = 0
Public Const PSH_VERSION_NUMBER As Long = 10200     ' major*10000 + minor*100 + patch
Public Const PSH_VERSION_STRING As String = "1.2.0"

' ---- Status codes: HRESULT-shaped, 0 is success, every failure is negative --------------
Public Const PSH_OK As Long = &H0&
Public Const PSH_E_POINTER As Long = &H80004003&                ' E_POINTER
Public Const PSH_E_INVALIDARG As Long = &H80070057&             ' E_INVALIDARG
Public Const PSH_E_UNEXPECTED As Long = &H8000FFFF&             ' E_UNEXPECTED
Public Const PSH_E_INSUFFICIENT_BUFFER As Long = &H8007007A&    ' out is too small
Public Const PSH_E_TOO_LONG As Long = &H80040105&               ' MAPI_E_STRING_TOO_LONG
Public Const PSH_E_UNKNOWN_FLAGS As Long = &H80040106&          ' MAPI_E_UNKNOWN_FLAGS
Public Const PSH_E_BAD_CHAR As Long = &H80040201&               ' a control (not LF), or ill-formed
Public Const PSH_E_NO_SEPARATOR As Long = &H80040202&           ' no LF between server and mailbox
Public Const PSH_E_SYNTAX As Long = &H80040203&                 ' too many LFs
Public Const PSH_E_EMPTY_SERVER As Long = &H80040204&
Public Const PSH_E_BAD_SERVER As Long = &H80040205&             ' not a host name
Public Const PSH_E_EMPTY_MAILBOX As Long = &H80040206&
Public Const PSH_E_BAD_MAILBOX As Long = &H80040207&            ' alias: space at an end, over 64
Public Const PSH_E_BAD_DN As Long = &H80040208&                 ' breaks the Exchange DN grammar
Public Const PSH_E_UNSAFE_CHAR As Long = &H80040209&            ' the KB Q271913 failure
Public Const PSH_E_RESERVED_NAME As Long = &H8004020A&          ' CON, NUL, COM1, ...

' ---- Limits, forms, flags -------------------------------------------------------------
Public Const PSH_MAX_INPUT As Long = 4096                      ' units
Public Const PSH_PROFILE_NAME_MAX As Long = 64
Public Const PSH_FORM_UNKNOWN As Long = 0
Public Const PSH_FORM_ALIAS As Long = 1                        ' "server" & vbLf & "alias"
Public Const PSH_FORM_DN As Long = 2                           ' "server" & vbLf & "/o=.../cn=..."
Public Const PSH_FORM_ANONYMOUS As Long = 3                    ' serverDN & vbLf & vbLf & "anon"
Public Const PSH_REWRITE_KEEP_DN As Long = &H1&
Public Const PSH_REWRITE_EXACT As Long = &H2&                 ' since 1.1: "=name" (KB Q193643)
Public Const PSH_REPORT_V1_SIZE As Long = 36

' What psh_check found: nine Longs, 36 bytes, the layout of the C struct psh_report.
' Set .size = PSH_REPORT_V1_SIZE (LenB of it) before a raw psh_check call; the helpers do.
Public Type psh_report
    size As Long             ' in: PSH_REPORT_V1_SIZE
    status As Long           ' the value returned
    form As Long             ' PSH_FORM_*
    server_offset As Long    ' -1 until the separators are parsed
    server_length As Long
    mailbox_offset As Long   ' -1 until then
    mailbox_length As Long
    error_offset As Long     ' the unit at fault, from 0; -1 when none
    rewritable As Long       ' 1 if PshRewrite(info) would succeed
End Type

' ---- The exports ------------------------------------------------------------------------
' All __stdcall on 32-bit Windows (what Declare calls), exported undecorated. The Alias
' keeps each export's exact spelling whatever case the IDE gives the VB name.
#If VBA7 Then
Public Declare PtrSafe Function psh_version Lib "profshim.dll" Alias "psh_version" () As Long
Public Declare PtrSafe Function psh_check Lib "profshim.dll" Alias "psh_check" (ByVal info As String, ByVal length As Long, ByRef report As psh_report) As Long
Public Declare PtrSafe Function psh_check_w Lib "profshim.dll" Alias "psh_check_w" (ByVal info As LongPtr, ByVal length As Long, ByRef report As psh_report) As Long
Public Declare PtrSafe Function psh_rewrite Lib "profshim.dll" Alias "psh_rewrite" (ByVal info As String, ByVal length As Long, ByVal flags As Long, ByVal outBuf As String, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare PtrSafe Function psh_rewrite_w Lib "profshim.dll" Alias "psh_rewrite_w" (ByVal info As LongPtr, ByVal length As Long, ByVal flags As Long, ByVal outBuf As LongPtr, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare PtrSafe Function psh_profile_name Lib "profshim.dll" Alias "psh_profile_name" (ByVal info As String, ByVal length As Long, ByVal flags As Long, ByVal outBuf As String, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare PtrSafe Function psh_profile_name_w Lib "profshim.dll" Alias "psh_profile_name_w" (ByVal info As LongPtr, ByVal length As Long, ByVal flags As Long, ByVal outBuf As LongPtr, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare PtrSafe Function psh_describe Lib "profshim.dll" Alias "psh_describe" (ByVal status As Long, ByVal outBuf As String, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare PtrSafe Function psh_describe_w Lib "profshim.dll" Alias "psh_describe_w" (ByVal status As Long, ByVal outBuf As LongPtr, ByVal cap As Long, ByRef outLen As Long) As Long
#Else
Public Declare Function psh_version Lib "profshim.dll" Alias "psh_version" () As Long
Public Declare Function psh_check Lib "profshim.dll" Alias "psh_check" (ByVal info As String, ByVal length As Long, ByRef report As psh_report) As Long
Public Declare Function psh_check_w Lib "profshim.dll" Alias "psh_check_w" (ByVal info As Long, ByVal length As Long, ByRef report As psh_report) As Long
Public Declare Function psh_rewrite Lib "profshim.dll" Alias "psh_rewrite" (ByVal info As String, ByVal length As Long, ByVal flags As Long, ByVal outBuf As String, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare Function psh_rewrite_w Lib "profshim.dll" Alias "psh_rewrite_w" (ByVal info As Long, ByVal length As Long, ByVal flags As Long, ByVal outBuf As Long, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare Function psh_profile_name Lib "profshim.dll" Alias "psh_profile_name" (ByVal info As String, ByVal length As Long, ByVal flags As Long, ByVal outBuf As String, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare Function psh_profile_name_w Lib "profshim.dll" Alias "psh_profile_name_w" (ByVal info As Long, ByVal length As Long, ByVal flags As Long, ByVal outBuf As Long, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare Function psh_describe Lib "profshim.dll" Alias "psh_describe" (ByVal status As Long, ByVal outBuf As String, ByVal cap As Long, ByRef outLen As Long) As Long
Public Declare Function psh_describe_w Lib "profshim.dll" Alias "psh_describe_w" (ByVal status As Long, ByVal outBuf As Long, ByVal cap As Long, ByRef outLen As Long) As Long
#End If

' ---- Helpers: Strings in and out, failures raised -------------------------------------

' The status of psh_check for info: PSH_OK (0) when it is safe to give to CDO as it is.
' Never raises for a bad string; see PshCheckReport for where it is wrong.
Public Function PshCheck(ByVal info As String) As Long
    Dim report As psh_report
    PshCheck = PshCheckReport(info, report)
End Function

' psh_check with its report: fills report and returns report.status.
Public Function PshCheckReport(ByVal info As String, ByRef report As psh_report) As Long
    If StrPtr(info) = 0 Then info = ""              ' vbNullString is NULL to the library
    report.size = LenB(report)
    PshCheckReport = psh_check_w(StrPtr(info), Len(info), report)
End Function

' info made safe for CDO: CRLF and stray whitespace cleaned, a DN mailbox replaced by its
' directory name (unless flags has PSH_REWRITE_KEEP_DN; written "=name" with PSH_REWRITE_EXACT).
' Raises the status on failure.
Public Function PshRewrite(ByVal info As String, Optional ByVal flags As Long = 0) As String
    Dim buffer As String, n As Long, status As Long
    If StrPtr(info) = 0 Then info = ""
    buffer = String$(Len(info) + 1, vbNullChar)     ' the output is never longer
    status = psh_rewrite_w(StrPtr(info), Len(info), flags, StrPtr(buffer), Len(buffer), n)
    If status = PSH_E_INSUFFICIENT_BUFFER Then
        buffer = String$(n + 1, vbNullChar)
        status = psh_rewrite_w(StrPtr(info), Len(info), flags, StrPtr(buffer), Len(buffer), n)
    End If
    If status <> PSH_OK Then PshRaise status, "PshRewrite", PshRewriteText(status, info, flags)
    PshRewrite = Left$(buffer, n)
End Function

' PshDescribe's text for a status PshRewrite failed with, said for that call: a DN kept by
' PSH_REWRITE_KEEP_DN that the same call without it would replace; a DN of Exchange 2007 or
' later, whose /ou= RDN is "Exchange Administrative Group (FYDIBOHF23SPDLT)" in any case
' (profshim.h section 6 step 3: the library gives it the same status as a DN whose last RDN
' holds ':', so this module tells them apart by that documented text); or a character no
' rewrite can take out.
Private Function PshRewriteText(ByVal status As Long, ByVal info As String, ByVal flags As Long) As String
    Dim buffer As String, n As Long
    PshRewriteText = PshFailedText(status)
    If status <> PSH_E_UNSAFE_CHAR Then Exit Function
    buffer = String$(Len(info) + 2, vbNullChar)
    If (flags And PSH_REWRITE_KEEP_DN) <> 0 Then
        If psh_rewrite_w(StrPtr(info), Len(info), flags And Not PSH_REWRITE_KEEP_DN, StrPtr(buffer), Len(buffer), n) = PSH_OK Then
            PshRewriteText = "PSH_E_UNSAFE_CHAR: the DN mailbox was kept as it is (PSH_REWRITE_KEEP_DN), and its '/' is not allowed in a file name, so the logon would fail with MAPI_E_NOT_FOUND (KB Q271913); leave PSH_REWRITE_KEEP_DN out to have the DN replaced by its alias, or name a profile of your own with PshProfileName(info)."
            Exit Function
        End If
    End If
    If InStr(1, LCase$(info), "/ou=exchange administrative group (fydibohf23spdlt)/", vbBinaryCompare) > 0 Then
        PshRewriteText = "PSH_E_UNSAFE_CHAR: the mailbox is the DN of an Exchange 2007 or later mailbox (its ou is Exchange Administrative Group (FYDIBOHF23SPDLT)), whose last part is not the alias: a display name, or hex digits with it. So it is not rewritten, since that could log on to another mailbox or to none. Look the mailbox up in the directory (its mailNickname) and give server & vbLf & that alias, or name a profile of your own with PshProfileName(info)."
    Else
        PshRewriteText = "PSH_E_UNSAFE_CHAR: the mailbox holds a character Windows does not allow in a file name (KB Q271913), and taking it out would name another mailbox; name a profile of your own with PshProfileName(info), or give the mailbox's alias as the directory holds it (its mailNickname)."
    End If
End Function

' PshDescribe's text for a status PshRewrite or PshProfileName failed with: never that a
' rewrite mends it. They took out all they can (a line break's vbCr, tabs and spaces at a
' line's ends), so a PSH_E_BAD_CHAR left is not theirs to take out, nor the caller's; and
' the spaces PshDescribe says PshRewrite trims (PshTrimmed) are gone already.
Private Function PshFailedText(ByVal status As Long) As String
    If status = PSH_E_BAD_CHAR Then
        PshFailedText = "PSH_E_BAD_CHAR: the ProfileInfo holds a character a ProfileInfo cannot carry (a control character such as TAB or NUL inside a line, or a surrogate that is not half of a pair), and no rewrite takes it out; do not take it out by hand either: it may be part of the name, and a name with a character taken out names another mailbox, or none. Fix the source: give the mailbox's alias as the directory holds it (its mailNickname)."
    Else
        PshFailedText = Replace(PshDescribe(status), PshTrimmed, "")
    End If
End Function

' A safe, stable, unique MAPI profile name for info (at most 64 characters of A-Z a-z
' 0-9 _). Raises the status on failure.
Public Function PshProfileName(ByVal info As String) As String
    Dim buffer As String, n As Long, status As Long
    If StrPtr(info) = 0 Then info = ""
    buffer = String$(PSH_PROFILE_NAME_MAX + 1, vbNullChar)
    status = psh_profile_name_w(StrPtr(info), Len(info), 0, StrPtr(buffer), Len(buffer), n)
    If status = PSH_E_INSUFFICIENT_BUFFER Then
        buffer = String$(n + 1, vbNullChar)
        status = psh_profile_name_w(StrPtr(info), Len(info), 0, StrPtr(buffer), Len(buffer), n)
    End If
    If status <> PSH_OK Then PshRaise status, "PshProfileName", PshFailedText(status)
    PshProfileName = Left$(buffer, n)
End Function

' What a check adds to PSH_E_BAD_SERVER and PSH_E_BAD_MAILBOX: a space at a line's start or
' end is rewritable, and the report says so (PshFailedText leaves it out).
Private Const PshTrimmed As String = " Where report.rewritable is 1, the fault is only spaces at the start or end of a line, which PshRewrite trims: give CDO what PshRewrite(info) returns."

' What a status means and what to do next, in this module's words: "PSH_E_UNSAFE_CHAR: ..."
' (it names PshRewrite, PshProfileName and the report's fields, never the C functions),
' or "unknown status 0x..." for a value that is none.
Public Function PshDescribe(ByVal status As Long) As String
    Dim s As String
    Select Case status
    Case PSH_OK: s = "PSH_OK: the ProfileInfo is safe to give to CDO's Session.Logon as it is."
    Case PSH_E_POINTER: s = "PSH_E_POINTER: no string reached the library; pass the ProfileInfo as a String."
    Case PSH_E_INVALIDARG: s = "PSH_E_INVALIDARG: the module passed the library an invalid argument (a report's size, a buffer's length); set report.size = LenB(report) before a raw call, or report the call that caused it."
    Case PSH_E_UNEXPECTED: s = "PSH_E_UNEXPECTED: an internal failure was caught inside profshim and nothing was changed; please report the input that caused it."
    Case PSH_E_INSUFFICIENT_BUFFER: s = "PSH_E_INSUFFICIENT_BUFFER: a result did not fit the String given to a raw call; the helpers PshRewrite and PshProfileName size it for you."
    Case PSH_E_TOO_LONG: s = "PSH_E_TOO_LONG: the ProfileInfo is over 4096 characters (Len), far more than a server and a mailbox need; check that the right string is passed."
    Case PSH_E_UNKNOWN_FLAGS: s = "PSH_E_UNKNOWN_FLAGS: flags holds a bit this version does not define; pass 0, PSH_REWRITE_KEEP_DN, PSH_REWRITE_EXACT or both."
    Case PSH_E_BAD_CHAR: s = "PSH_E_BAD_CHAR: the ProfileInfo holds a character a ProfileInfo cannot carry at report.error_offset. Where report.rewritable is 1, that is a line break's vbCr (of a vbCrLf, or a vbCr alone) or a tab at a line's start or end, which PshRewrite and PshProfileName remove (they trim tabs and spaces from both ends of every line), leaving the vbLf CDO needs. Any other character (a control character such as TAB or NUL inside a line, or a surrogate that is not half of a pair): do not take it out; it may be part of the name, and a name with a character taken out names another mailbox, or none. Fix the source: give the mailbox's alias as the directory holds it (its mailNickname)."
    Case PSH_E_NO_SEPARATOR: s = "PSH_E_NO_SEPARATOR: no line feed between server and mailbox; build the ProfileInfo as server & vbLf & mailbox."
    Case PSH_E_SYNTAX: s = "PSH_E_SYNTAX: too many line feeds; give server & vbLf & mailbox, or serverDN & vbLf & vbLf & ""anon"" for anonymous access."
    Case PSH_E_EMPTY_SERVER: s = "PSH_E_EMPTY_SERVER: the server part, before the vbLf, is empty; give the Exchange server's name."
    Case PSH_E_BAD_SERVER: s = "PSH_E_BAD_SERVER: the server part is not a host name (letters, digits, '.', '-', '_'; labels of up to 63 characters, 253 in all; ASCII only, so an internationalised host name in its xn-- form) nor a personalized server name GUID@host; give the Exchange server's name." & PshTrimmed
    Case PSH_E_EMPTY_MAILBOX: s = "PSH_E_EMPTY_MAILBOX: the mailbox part, after the vbLf, is empty; give the mailbox's alias."
    Case PSH_E_BAD_MAILBOX: s = "PSH_E_BAD_MAILBOX: the mailbox alias starts or ends with a space, or is over 64 UTF-16 units (Len; a character above U+FFFF counts two); give the alias exactly as the directory holds it (its mailNickname)." & PshTrimmed
    Case PSH_E_BAD_DN: s = "PSH_E_BAD_DN: the mailbox's distinguished name breaks the Exchange DN grammar (/o=ORG/ou=SITE/cn=.../cn=NAME; a DN holds only ASCII characters) at report.error_offset; copy the DN exactly from the directory (its legacyExchangeDN), or give the mailbox's alias."
    Case PSH_E_UNSAFE_CHAR: s = "PSH_E_UNSAFE_CHAR: the mailbox holds a character Windows does not allow in a file name, so MAPI cannot create the profile file and the logon fails with MAPI_E_NOT_FOUND (KB Q271913). Where report.rewritable is 1, give CDO PshRewrite(info); otherwise name a profile of your own with PshProfileName(info)."
    Case PSH_E_RESERVED_NAME: s = "PSH_E_RESERVED_NAME: the server or the mailbox is a Windows device name (CON, NUL, COM1, ...), which cannot be a file name; name a profile of your own with PshProfileName(info)."
    Case Else: s = "unknown status 0x" & Right$("0000000" & Hex$(status), 8)
    End Select
    PshDescribe = s
End Function

' PSH_VERSION_NUMBER of the profshim.dll actually loaded (1.0.0 is 10000, 1.1.0 is 10100, 1.2.0 is 10200).
Public Function PshVersion() As Long
    PshVersion = psh_version()
End Function

' Err.Raise with the status as Err.Number and its text, said for the call, as Err.Description.
Private Sub PshRaise(ByVal status As Long, ByVal where As String, ByVal text As String)
    Err.Raise status, "ProfShim." & where, text
End Sub
