# Stacks the embedded judge's out-of-fold log-odds with MiniLM embeddings; 5-fold CV by prompt (README.md here).
# usage: python3 stack.py MODES LAMBDAS EMBEDDINGS_PREFIX OOF_TSV   e.g. stack.py z,zca,zcax 0.3,1,10 /tmp/emb/train /tmp/oof.tsv
import numpy as np, csv, sys
D=384
rows=list(csv.DictReader(open(sys.argv[3] + '.tsv'),delimiter='\t'))
E=np.fromfile(sys.argv[3] + '.f32',dtype='>f4').reshape(-1,D).astype(np.float64)
oof={}
for r in csv.DictReader(open(sys.argv[4]),delimiter='\t'):
    oof[(r['axis'],r['id'])]=(float(r['z']),int(r['judged']))
def fit(X,y,lam,iters=30):
    n,d=X.shape
    wpos=n/(2*max(1,y.sum())); wneg=n/(2*max(1,n-y.sum()))
    sw=np.where(y==1,wpos,wneg)
    b=np.zeros(d)
    L=np.full(d,lam); L[0]=0
    for it in range(iters):
        z=X@b; p=1/(1+np.exp(-z))
        g=X.T@(sw*(p-y))/n + L*b/n
        H=(X.T*(sw*p*(1-p)))@X/n + np.diag(L/n)
        step=np.linalg.solve(H,g)
        b-=step
        if np.abs(step).max()<1e-8: break
    return b
def feats(idx,mode):
    cols=[np.ones(len(idx))]
    z=np.array([oof[(rows[i]['axis'],rows[i]['id'])][0] for i in idx])
    P=E[[int(rows[i]['prompt_ix']) for i in idx]]; A=E[[int(rows[i]['answer_ix']) for i in idx]]
    cos=(P*A).sum(1)
    blocks=[cols[0][:,None]]
    if 'z' in mode: blocks.append(z[:,None])
    if 'c' in mode: blocks.append(cos[:,None])
    if 'a' in mode: blocks.append(A)
    if 'x' in mode: blocks.append(P*A*np.sqrt(D))
    if 'p' in mode: blocks.append(P)
    return np.hstack(blocks)
def bal(y,j):
    se=(j[y==1]==1).mean(); sp=(j[y==0]==0).mean(); return se,sp,(se+sp)/2
K=5
for axis in ['safety','harmlessness','helpfulness']:
    idx=[i for i,r in enumerate(rows) if r['axis']==axis and (axis,r['id']) in oof]
    y=np.array([int(rows[i]['unsafe']) for i in idx])
    fold=np.array([int(rows[i]['prompt_hash'])%K for i in idx])  # python % is floorMod
    base=np.array([oof[(axis,rows[i]['id'])][1] for i in idx])
    print(axis,len(idx),'fifth judge OOF se %.3f sp %.3f bal %.3f'%bal(y,base))
    for mode,lam in [(m,l) for m in sys.argv[1].split(',') for l in map(float,sys.argv[2].split(','))]:
        X=feats(idx,mode); pred=np.zeros(len(idx))
        for f in range(K):
            tr=fold!=f; te=fold==f
            b=fit(X[tr],y[tr],lam); pred[te]=X[te]@b
        j=(pred>=0).astype(int)
        # keep the judge's short-answer rule: where base judged safe via DIRECT we can't see; ignore
        print('  %-6s lam %6.1f se %.3f sp %.3f bal %.3f'%((mode,lam)+bal(y,j)))
