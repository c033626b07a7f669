"""Random formulas over the supported grammar, with random trigger values (nil, NaN and absent included), one
case per line in the oracle's input format. Usage: python3 random_cases.py SEED COUNT > cases.tsv

Differences between Tide and expr-lang on these cases, other than formulas Tide refuses on purpose, are bugs: put
the case in src/test/resources/expr-oracle-cases.tsv and fix it. 58,000 cases (seeds 1 to 12) showed none.
"""
import random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
VARS=['a','b','c','d']
def num():
    return random.choice(['0','1','2','3','-1','0.5','1.5','2.0','10','1e3','0x10','1_000','.5'])
def atom(d, inpred):
    r=random.random()
    if inpred and r<0.25: return '#'
    if r<0.45: return random.choice(VARS)
    if r<0.75: return num()
    if r<0.8: return random.choice(['true','false','nil'])
    return '('+expr(d+1, inpred)+')'
BIN=['+','-','*','/','%','**','^','==','!=','<','>','<=','>=','&&','||','and','or','??']
UN=['-','!','not ','+']
FN1=['abs','ceil','floor','round','int','float','len']
FNN=['max','min','mean','median']
PRED=['all','any','none','one','filter','map','count','sum']
def arr(d, inpred):
    n=random.randint(0,4)
    return '['+', '.join(expr(d+1,inpred) for _ in range(n))+']'
def expr(d=0, inpred=False):
    if d>4: return atom(d, inpred)
    r=random.random()
    if r<0.3: return atom(d, inpred)
    if r<0.55:
        op=random.choice(BIN)
        return expr(d+1,inpred)+' '+op+' '+expr(d+1,inpred)
    if r<0.62: return random.choice(UN)+atom(d+1,inpred)
    if r<0.72: return expr(d+1,inpred)+' ? '+expr(d+1,inpred)+' : '+expr(d+1,inpred)
    if r<0.78: return random.choice(FN1)+'('+expr(d+1,inpred)+')'
    if r<0.84: return random.choice(FNN)+'('+', '.join(expr(d+1,inpred) for _ in range(random.randint(1,3)))+')'
    if r<0.94:
        p=random.choice(PRED)
        coll=arr(d,inpred) if random.random()<0.8 else expr(d+1,inpred)
        if p in ('count','sum') and random.random()<0.3: return p+'('+coll+')'
        body=expr(d+1,True)
        if random.random()<0.5: body='{'+body+'}'
        s=p+'('+coll+', '+body+')'
        if p=='count' and random.random()<0.5: s+=' '+random.choice(['>','>=','<','<=','=='])+' '+random.choice(['0','1','2','3'])
        return s
    if r<0.97: return 'let x'+str(d)+' = '+expr(d+1,inpred)+'; '+expr(d+1,inpred).replace('a','x'+str(d),1)
    return arr(d,inpred)
def val():
    return random.choice(['0','1','2','3','-1','0.5','NaN','nil','nil','absent','4','+Inf'])
n=int(sys.argv[2]) if len(sys.argv)>2 else 2000
for _ in range(n):
    f=expr()
    env=','.join(v+'='+val() for v in VARS)
    print(f+'\t'+env)
