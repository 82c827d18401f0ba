/* vb_stdcall: calls a DLL function the way VB6 calls a Declare on 32-bit Windows, and
 * measures the stack pointer afterwards, as VB6 does before it raises run-time error 49,
 * "Bad DLL calling convention".
 *
 *   int32_t vb_stdcall(void *fn, const uint32_t *slots, int32_t count, int32_t *esp_delta);
 *
 * Pushes slots[count-1] ... slots[0] (the first argument ends on top), calls fn, and
 * stores in *esp_delta the bytes fn left on the stack (ESP before the pushes minus ESP
 * after the call): 0 when fn is __stdcall and popped exactly count*4 bytes; count*4 for a
 * __cdecl function; more or fewer when fn takes another number of bytes than the Declare
 * passes. ESP is then put
 * back whatever fn did, so the test goes on. Returns fn's EAX. (cdecl itself, i686 mingw:
 * the C name is prefixed with an underscore.)
 */
    .text
    .globl _vb_stdcall
    .def _vb_stdcall; .scl 2; .type 32; .endef
_vb_stdcall:
    pushl %ebp
    movl  %esp, %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl  8(%ebp), %eax          /* fn */
    movl  12(%ebp), %esi         /* slots */
    movl  16(%ebp), %ecx         /* count */
    movl  %esp, %ebx             /* ESP before the pushes; EBX survives the call */
1:  testl %ecx, %ecx
    jz    2f
    decl  %ecx
    pushl (%esi,%ecx,4)
    jmp   1b
2:  call  *%eax
    movl  %ebx, %ecx
    subl  %esp, %ecx             /* ESP before - ESP after */
    movl  %ebx, %esp
    movl  20(%ebp), %edx
    movl  %ecx, (%edx)
    popl  %edi
    popl  %esi
    popl  %ebx
    popl  %ebp
    ret
