' CDO logon code as a VBScript or classic ASP page has it: positional arguments, ProfileInfo
' 7th, in a variable (so VBScript passes it by reference, VT_BYREF|VT_VARIANT). Prints what
' the MAPI.Session stand-in received and how its other members answered, one line each, for
' tests/cdo/run.sh to compare with and without profshim in front of it.
'   cscript //nologo logon.vbs [PROFILEINFO]   with \n for LF (default: the KB Q271913 DN)
' The session comes from WScript.CreateObject, which is CoCreateInstance in Wine's cscript as
' on Windows. Wine 8's own CreateObject goes through CoGetClassObject, which in Wine (unlike
' Windows, see CoTreatAsClass on learn.microsoft.com) does not follow TreatAs.
Option Explicit
Dim info, session, folder
info = "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
If WScript.Arguments.Count > 0 Then info = Replace(WScript.Arguments(0), "\n", vbLf)

Function Shown(s)
    Shown = Replace(Replace(s, vbCr, "\r"), vbLf, "\n")
End Function

Set session = WScript.CreateObject("MAPI.Session")
session.Logon "", "", False, True, 0, False, info
WScript.Echo "received ProfileInfo: " & Shown(session.ProfileInfo)
WScript.Echo "received arguments: " & session.LogonArgs
WScript.Echo "caller's ProfileInfo after Logon: " & Shown(info)
WScript.Echo "Name: " & session.Name
session.Name = "renamed"
WScript.Echo "Name: " & session.Name
Set folder = session.GetFolder("Inbox")
WScript.Echo "folder Name: " & folder.Name
On Error Resume Next
session.Fail
WScript.Echo "Fail: " & Hex(Err.Number) & " " & Err.Source & " " & Err.Description
Err.Clear
session.Logon "fail-logon"
WScript.Echo "Logon fail-logon: " & Hex(Err.Number) & " " & Err.Source & " " & Err.Description
