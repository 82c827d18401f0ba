' What a script host of one bitness gets from CreateObject("ProfShim.ProfileInfo"), for
' side_by_side.sh: run by 64-bit and by 32-bit cscript in the same 64-bit prefix.
' Prints one line:  bits=<32|64> server=<InprocServer32 in this process's registry view,
' or none> created=<yes|no> answer=<Rewrite of the KB case, or the error>
Option Explicit
Dim sh, bits, clsid, server, o, answer, created
Set sh = CreateObject("WScript.Shell")
bits = 64
If sh.Environment("PROCESS")("PROCESSOR_ARCHITECTURE") = "x86" Then bits = 32

On Error Resume Next
clsid = sh.RegRead("HKCR\ProfShim.ProfileInfo\CLSID\")
server = sh.RegRead("HKCR\CLSID\" & clsid & "\InprocServer32\")
If Err.Number <> 0 Or server = "" Then server = "none"
Err.Clear
Set o = CreateObject("ProfShim.ProfileInfo")
If Err.Number = 0 Then
    created = "yes"
    answer = Replace(o.Rewrite("EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"), vbLf, "\n")
    If Err.Number <> 0 Then answer = "error " & Hex(Err.Number)
Else
    created = "no"
    answer = "error " & Hex(Err.Number)
End If
On Error GoTo 0
WScript.Echo "bits=" & bits & " server=" & server & " created=" & created & " answer=" & answer
