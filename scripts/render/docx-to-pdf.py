#!/usr/bin/python3
"""Print a Word report to PDF the way a reader who opens it in an office suite
sees it: headless LibreOffice opens the .docx, updates every index (目录,
案例目录, 图表目录) and every field, and saves a PDF (and, if asked, the
updated .docx).

usage:  /usr/bin/python3 scripts/render/docx-to-pdf.py IN.docx OUT.pdf [OUT.docx]
needs:  apt-get install libreoffice-writer-nogui python3-uno fonts-noto-cjk
Look at pages with:  pdftoppm -png -r 60 OUT.pdf page

The official-document fonts are mapped onto Noto CJK by fonts.conf beside
this script (set here unless FONTCONFIG_FILE is already set).
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))
# Indexes are filled twice: filling one can move the page numbers of what follows.
UPDATE_PASSES = 2
# LibreOffice takes a few seconds to start, over a minute on a loaded machine (parallel test runs): wait up to 2 min.
CONNECT_TRIES = 600
CONNECT_PAUSE_S = 0.2


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office(pipe, profile, env):
    return subprocess.Popen(
        ['soffice', '--headless', '--invisible', '--norestore', '--nologo', '--nodefault',
         '-env:UserInstallation=' + uno.systemPathToFileUrl(profile),
         '--accept=pipe,name=%s;urp;StarOffice.ComponentContext' % pipe],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def connect(pipe, office):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(CONNECT_TRIES):
        if office.poll() is not None:
            sys.exit('LibreOffice stopped before it could be reached (exit %s)' % office.returncode)
        try:
            return resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
        except Exception:
            time.sleep(CONNECT_PAUSE_S)
    sys.exit('could not reach LibreOffice')


def update_everything(doc):
    indexes = doc.getDocumentIndexes()
    for _ in range(UPDATE_PASSES):
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        doc.refresh()
    return [indexes.getByIndex(i).getName() for i in range(indexes.getCount())]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, pdf = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    out_docx = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
    if not os.path.isfile(src):
        sys.exit('no such file: ' + src)
    env = dict(os.environ)
    env.setdefault('FONTCONFIG_FILE', os.path.join(HERE, 'fonts.conf'))
    profile = tempfile.mkdtemp(prefix='nianbao-lo-')
    pipe = 'nianbao_render_%d' % os.getpid()
    office = start_office(pipe, profile, env)
    desktop = None
    try:
        ctx = connect(pipe, office)
        desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), '_blank', 0, (prop('Hidden', True),))
        if doc is None:
            sys.exit('LibreOffice could not open ' + src)
        names = update_everything(doc)
        print('updated indexes:', ', '.join(names) or '(none)')
        doc.storeToURL(uno.systemPathToFileUrl(pdf), (prop('FilterName', 'writer_pdf_Export'),))
        if out_docx:
            doc.storeToURL(uno.systemPathToFileUrl(out_docx), (prop('FilterName', 'MS Word 2007 XML'),))
        doc.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=20)
        except Exception:
            office.kill()


if __name__ == '__main__':
    main()
