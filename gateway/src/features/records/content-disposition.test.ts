import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('when the name is plain ASCII, then it is quoted as is and repeated as filename*', () => {
    expect(attachmentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it.each([
    ['a path', '../../etc/passwd', 'passwd'],
    ['a Windows path', 'C:\\Users\\x\\scan.png', 'scan.png'],
    ['quotes and header syntax', 'a"; filename="evil.exe', 'a__ filename=_evil.exe'],
    ['a CR/LF header injection', 'x.pdf\r\nSet-Cookie: a=b', 'x.pdf__Set-Cookie: a=b'],
    ['only dots', '..', 'download'],
  ])('when the name contains %s, then the ASCII fallback cannot leave the header or name a directory', (_label, name, ascii) => {
    const header = attachmentDisposition(name);

    expect(header.startsWith(`attachment; filename="${ascii}"; filename*=UTF-8''`)).toBe(true);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('filename*=')[1]).toMatch(/^UTF-8''[A-Za-z0-9%._~!-]*$/);
  });
});
